namespace EmuEdit.Gateway.Validation;

/// <summary>An input image that passed the limits, re-encoded as 8-bit RGB PNG (what EditJob.image_png carries).</summary>
public sealed record AcceptedImage(byte[] Png, int Width, int Height);
