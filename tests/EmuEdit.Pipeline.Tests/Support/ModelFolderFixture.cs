namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>One tiny checkpoint shared by the tests of a class (building it costs a second).</summary>
public sealed class ModelFolderFixture : IDisposable
{
    public TinyModelFolder Model { get; } = new();

    public void Dispose() => Model.Dispose();
}
