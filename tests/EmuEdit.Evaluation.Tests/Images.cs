namespace EmuEdit.Evaluation.Tests;

/// <summary>Small hand-made images whose metrics can be worked out on paper.</summary>
internal static class Images
{
    /// <summary>A 2x2 image with every channel of every pixel at <paramref name="value"/>.</summary>
    public static PlanarImage Uniform(float value, int width = 2, int height = 2)
    {
        var pixels = new float[3 * width * height];
        Array.Fill(pixels, value);
        return new PlanarImage(pixels, width, height);
    }

    /// <summary>A copy of <paramref name="image"/> with pixel (x, y) set to <paramref name="value"/> in every channel.</summary>
    public static PlanarImage WithPixel(PlanarImage image, int x, int y, float value)
    {
        var pixels = (float[])image.Pixels.Clone();
        for (var c = 0; c < 3; c++) pixels[(c * image.Height + y) * image.Width + x] = value;
        return new PlanarImage(pixels, image.Width, image.Height);
    }

    /// <summary>A 2x2 mask with only the top-left pixel inside.</summary>
    public static EditMask TopLeft() => new(new[] { 1f, 0f, 0f, 0f }, 2, 2);
}
