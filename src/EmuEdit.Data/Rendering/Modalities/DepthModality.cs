using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>
/// A depth map, near = bright. Nearer objects (later in the list) are brighter and bulge towards the
/// viewer; a landscape's ground recedes towards the horizon and its sky is farthest.
/// </summary>
internal static class DepthModality
{
    public static RgbImage Render(Scene scene, RenderOptions options)
    {
        var g = new Geometry(scene);
        var img = new RgbImage(g.W, g.H);
        var bg = new BackgroundShader(scene);
        float horizon = scene.Background.Horizon;
        Rasterizer.PaintBackground(img, options.Supersample, (px, py) =>
        {
            int region = bg.Region(px, py);
            float d = region switch
            {
                SceneLayers.Ground => 0.15f + 0.3f * (py / g.H - horizon) / (1f - horizon),
                SceneLayers.Plain => 0.12f,
                _ => 0.03f,
            };
            return new Rgb(d, d, d);
        });
        int n = scene.Objects.Count;
        for (int k = 0; k < n; k++)
        {
            float near = 0.5f + 0.4f * (k + 1) / n;
            Rasterizer.PaintObject(img, g, scene.Objects[k], options.Supersample, (_, _, u, v) =>
            {
                float d = near + 0.08f * MathF.Max(0f, 1f - u * u - v * v);
                return new Rgb(d, d, d);
            });
        }
        return img;
    }
}
