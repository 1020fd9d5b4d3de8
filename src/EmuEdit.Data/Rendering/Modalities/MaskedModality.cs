using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>The picture with the scene's hole filled flat gray: the input of the unseen inpainting task.</summary>
internal static class MaskedModality
{
    public static readonly Rgb HoleColor = new(0.5f, 0.5f, 0.5f);

    public static RgbImage Apply(Scene scene, RgbImage image)
    {
        if (scene.Hole is null) throw new InvalidOperationException("a masked scene needs a hole");
        var (x0, y0, x1, y1) = HoleBounds(scene);
        Canvas.FillRect(image, x0, y0, x1, y1, HoleColor);
        return image;
    }

    /// <summary>Inclusive pixel bounds of the hole.</summary>
    public static (int X0, int Y0, int X1, int Y1) HoleBounds(Scene scene)
    {
        var h = scene.Hole!;
        return ((int)MathF.Round(h[0] * scene.Width), (int)MathF.Round(h[1] * scene.Height),
                (int)MathF.Round(h[2] * scene.Width) - 1, (int)MathF.Round(h[3] * scene.Height) - 1);
    }
}
