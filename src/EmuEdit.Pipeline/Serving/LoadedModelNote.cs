namespace EmuEdit.Pipeline.Serving;

/// <summary>What a model service loaded and from where, logged once the host's logging is up.</summary>
public sealed record LoadedModelNote(string Text);
