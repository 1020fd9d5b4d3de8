namespace EmuEdit.Evaluation;

/// <summary>
/// Where an edit may change the image: one weight per pixel in [0, 1] (soft at the border, as the
/// dataset dilates and softens masks). "Inside" is every pixel with weight above zero, "outside"
/// every pixel with weight exactly zero: the only pixels whose target equals the input by
/// construction, so the only ones where any change is an error.
/// </summary>
public sealed class EditMask
{
    public EditMask(float[] weights, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != width * height)
        {
            throw new ArgumentException($"Expected {height}x{width} = {width * height} mask values, got {weights.Length}.", nameof(weights));
        }
        Weights = weights;
        Width = width;
        Height = height;
    }

    public float[] Weights { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>The mask of a whole-image edit (global, style, colour, translation tasks).</summary>
    public static EditMask Full(int width, int height)
    {
        var weights = new float[width * height];
        Array.Fill(weights, 1f);
        return new EditMask(weights, width, height);
    }

    public bool IsInside(int pixel) => Weights[pixel] > 0f;
}
