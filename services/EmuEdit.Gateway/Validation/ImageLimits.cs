namespace EmuEdit.Gateway.Validation;

/// <summary>What an accepted image may be: bytes encoded, longest side and pixels in all.</summary>
public sealed record ImageLimits(int MaxImageBytes, int MaxImageSide, long MaxImagePixels);
