using EmuEdit.Data.Imaging;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>Object contours, white on black (the output of the unseen contour-detection task).</summary>
internal static class ContourModality
{
    public static RgbImage Render(SceneLayers layers) => EdgeDrawing.Draw(layers, objectsOnly: true, new Rgb(0, 0, 0), new Rgb(1, 1, 1));
}
