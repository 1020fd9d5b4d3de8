namespace EmuEdit.Pipeline.Engine;

/// <summary>A step of one edit is done; <see cref="PreviewPng"/> is set on the steps the request asked previews for.</summary>
public sealed record EditProgress(string Id, int Step, int TotalSteps, byte[]? PreviewPng);

/// <summary>Receives progress; it runs between steps, so it should be quick.</summary>
public delegate ValueTask EditProgressHandler(EditProgress progress, CancellationToken cancellationToken);
