namespace EmuEdit.Model.Configuration;

/// <summary>
/// A model configuration that cannot build a working model. The message lists every problem found, each
/// naming the JSON field it concerns, so a broken config file is fixed in one pass.
/// </summary>
public sealed class ModelConfigException : Exception
{
    public ModelConfigException(string message) : base(message) { }

    public ModelConfigException(string message, Exception inner) : base(message, inner) { }
}
