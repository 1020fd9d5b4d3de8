using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>
/// A semantic segmentation map: one flat colour per class (object kind, sky, ground, sun, text), with
/// no anti-aliasing, as label maps are.
/// </summary>
internal static class SegmentationModality
{
    public static Rgb ClassColor(ShapeKind kind)
    {
        // Hues spread evenly around the wheel so every kind has a distinct label colour.
        float hue = (int)kind / (float)ShapeKinds.All.Count;
        return FromHue(hue, (int)kind % 2 == 0 ? 0.9f : 0.6f);
    }

    public static RgbImage Render(Scene scene, SceneLayers layers)
    {
        var img = new RgbImage(layers.Width, layers.Height);
        for (int i = 0; i < layers.Labels.Length; i++)
        {
            int label = layers.Labels[i];
            Rgb c = label switch
            {
                > 0 => ClassColor(scene.Find(label)!.Kind),
                SceneLayers.Sky => new Rgb(0.25f, 0.25f, 0.45f),
                SceneLayers.Ground => new Rgb(0.35f, 0.3f, 0.15f),
                SceneLayers.Sun => new Rgb(0.9f, 0.9f, 0.6f),
                SceneLayers.Plain => new Rgb(0f, 0f, 0f),
                _ => new Rgb(1f, 1f, 1f),
            };
            img[i % layers.Width, i / layers.Width] = c;
        }
        return img;
    }

    private static Rgb FromHue(float h, float v)
    {
        float r = Channel(h + 1f / 3), g = Channel(h), b = Channel(h - 1f / 3);
        return new Rgb(r * v, g * v, b * v);
    }

    private static float Channel(float t)
    {
        t -= MathF.Floor(t);
        return 0.15f + 0.85f * Math.Clamp(MathF.Abs(t * 6 - 3) - 1, 0f, 1f);
    }
}
