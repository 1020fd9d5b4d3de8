namespace EmuEdit.Evaluation;

/// <summary>
/// An RGB image as the metrics see it: planar (channel, row, column), values in [0, 1].
/// Planar because every model tensor is CHW; [0, 1] because the paper's L1 and the success
/// thresholds are stated on that range.
/// </summary>
public sealed class PlanarImage
{
    public const int Channels = 3;

    public PlanarImage(float[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != Channels * width * height)
        {
            throw new ArgumentException(
                $"Expected {Channels}x{height}x{width} = {Channels * width * height} values, got {pixels.Length}.", nameof(pixels));
        }
        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public float[] Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    public int PixelCount => Width * Height;

    public float this[int channel, int y, int x] => Pixels[(channel * Height + y) * Width + x];

    internal void RequireSameSize(PlanarImage other, string name)
    {
        if (other.Width != Width || other.Height != Height)
        {
            throw new ArgumentException($"{name} is {other.Width}x{other.Height}, expected {Width}x{Height}.", name);
        }
    }
}
