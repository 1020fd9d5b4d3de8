using EmuEdit.Data.Imaging;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>A line drawing: dark lines on white wherever the label (object, part, text, background region) changes.</summary>
internal static class SketchModality
{
    public static RgbImage Render(SceneLayers layers) => EdgeDrawing.Draw(layers, objectsOnly: false, new Rgb(1, 1, 1), new Rgb(0.1f, 0.1f, 0.1f));
}
