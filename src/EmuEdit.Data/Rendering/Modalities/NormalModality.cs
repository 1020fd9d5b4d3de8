using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>A normal map, (n + 1) / 2 as RGB: flat backgrounds face the viewer, ground tilts up, objects are pillows.</summary>
internal static class NormalModality
{
    public static RgbImage Render(Scene scene, RenderOptions options)
    {
        var g = new Geometry(scene);
        var img = new RgbImage(g.W, g.H);
        var bg = new BackgroundShader(scene);
        Rasterizer.PaintBackground(img, options.Supersample, (px, py) =>
            bg.Region(px, py) == SceneLayers.Ground ? Encode(0f, -0.7f, 0.71f) : Encode(0f, 0f, 1f));
        var shading = new ObjectShading(options);
        foreach (var o in scene.Objects)
            Rasterizer.PaintObject(img, g, o, options.Supersample, (_, _, u, v) =>
            {
                var n = shading.Normal(u, v);
                return Encode(n.X, n.Y, n.Z);
            });
        return img;
    }

    private static Rgb Encode(float x, float y, float z) => new((x + 1) / 2, (-y + 1) / 2, (z + 1) / 2);
}
