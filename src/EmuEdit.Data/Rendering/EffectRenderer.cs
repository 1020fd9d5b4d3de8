using EmuEdit.Data.Imaging;
using EmuEdit.Data.Randomness;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>Applies one <see cref="SceneEffect"/> to a rendered picture.</summary>
internal static class EffectRenderer
{
    public static RgbImage Apply(RgbImage img, SceneEffect effect, Scene scene, SceneLayers layers, EffectOptions o)
    {
        int w = img.Width, h = img.Height;
        float side = Math.Min(w, h);
        switch (effect.Kind)
        {
            case EffectKind.Night:
                Map(img, c => new Rgb(c.R * 0.28f, c.G * 0.32f, c.B * 0.5f + 0.04f));
                Particles(img, layers, effect.Seed, o, onSkyOnly: true, (x, y, _) => img.Blend(x, y, new Rgb(1f, 1f, 0.85f), 0.9f));
                return img;
            case EffectKind.Winter:
                for (int p = 0; p < layers.Labels.Length; p++)
                {
                    Rgb c = img[p % w, p / w];
                    float l = c.Luma;
                    var cold = new Rgb(0.75f * l + 0.25f, 0.78f * l + 0.24f, 0.8f * l + 0.28f);
                    img[p % w, p / w] = Rgb.Lerp(c, cold, layers.Labels[p] == SceneLayers.Ground ? 0.9f : 0.55f).Clamp();
                }
                Particles(img, layers, effect.Seed, o, onSkyOnly: false, (x, y, _) => Canvas.Disc(img, x + 0.5f, y + 0.5f, side / 100f + 0.3f, new Rgb(1, 1, 1)));
                return img;
            case EffectKind.Sunset:
                for (int y = 0; y < h; y++)
                {
                    float t = (float)y / h;
                    var tint = Rgb.Lerp(new Rgb(1f, 0.45f, 0.25f), new Rgb(0.55f, 0.25f, 0.35f), t);
                    for (int x = 0; x < w; x++)
                    {
                        Rgb c = img[x, y];
                        img[x, y] = new Rgb(c.R * (0.55f + 0.45f * tint.R) + 0.15f * tint.R, c.G * (0.45f + 0.4f * tint.G), c.B * (0.35f + 0.4f * tint.B)).Clamp();
                    }
                }
                return img;
            case EffectKind.Fog:
                for (int y = 0; y < h; y++)
                {
                    float a = 0.5f + 0.3f * (1f - (float)y / h);
                    for (int x = 0; x < w; x++) img[x, y] = Rgb.Lerp(img[x, y], new Rgb(0.85f, 0.86f, 0.88f), a);
                }
                return img;
            case EffectKind.Rain:
                Map(img, c => new Rgb(c.R * 0.6f + 0.08f, c.G * 0.62f + 0.09f, c.B * 0.68f + 0.12f));
                Particles(img, layers, effect.Seed, o, onSkyOnly: false, (x, y, _) =>
                    Canvas.Line(img, x, y, x - side * 0.03f, y + side * 0.09f, Math.Max(1f, side / 64f), new Rgb(0.85f, 0.9f, 1f)));
                return img;
            case EffectKind.PixelArt:
                {
                    int block = Math.Max(2, (int)MathF.Round(side * o.PixelArtBlock));
                    var small = ImageOps.Downsample(img, block);
                    Map(small, c => Posterize(Saturate(c, 1.4f), 5));
                    return ImageOps.UpsampleNearest(small, w, h);
                }
            case EffectKind.Posterize:
                Map(img, c => Posterize(c, o.PosterizeLevels));
                return img;
            case EffectKind.PencilSketch:
                {
                    var edges = ImageOps.EdgeMagnitude(img);
                    var result = new RgbImage(w, h);
                    for (int p = 0; p < edges.Data.Length; p++)
                    {
                        Rgb c = img[p % w, p / w];
                        float v = Math.Clamp(1f - 2.2f * edges.Data[p], 0f, 1f) * (0.82f + 0.18f * c.Luma);
                        result[p % w, p / w] = new Rgb(v, v, v * 0.97f);
                    }
                    return result;
                }
            case EffectKind.Sepia:
                Map(img, c => new Rgb(0.393f * c.R + 0.769f * c.G + 0.189f * c.B, 0.349f * c.R + 0.686f * c.G + 0.168f * c.B, 0.272f * c.R + 0.534f * c.G + 0.131f * c.B).Clamp());
                return img;
            case EffectKind.Comic:
                {
                    var edges = ImageOps.EdgeMagnitude(img);
                    Map(img, c => Posterize(Saturate(c, 1.6f), 4));
                    for (int p = 0; p < edges.Data.Length; p++)
                        if (edges.Data[p] > 0.2f) img[p % w, p / w] = new Rgb(0.05f, 0.05f, 0.05f);
                    return img;
                }
            case EffectKind.Blur:
                return ImageOps.GaussianBlur(img, o.BlurSigma * side);
            case EffectKind.Sharpen:
                {
                    var blurred = ImageOps.GaussianBlur(img, o.SharpenSigma * side);
                    for (int i = 0; i < img.Data.Length; i++)
                        img.Data[i] = Math.Clamp(img.Data[i] + o.SharpenAmount * (img.Data[i] - blurred.Data[i]), 0f, 1f);
                    return img;
                }
            case EffectKind.Brighten:
                Map(img, c => new Rgb(c.R + o.BrightenBy, c.G + o.BrightenBy, c.B + o.BrightenBy).Clamp());
                return img;
            case EffectKind.Darken:
                Map(img, c => c.Scale(o.DarkenFactor));
                return img;
            case EffectKind.MoreContrast:
                Map(img, c => Contrast(c, o.MoreContrastFactor));
                return img;
            case EffectKind.LessContrast:
                Map(img, c => Contrast(c, o.LessContrastFactor));
                return img;
            case EffectKind.Saturate:
                Map(img, c => Saturate(c, o.SaturateFactor));
                return img;
            case EffectKind.Desaturate:
                Map(img, c => new Rgb(c.Luma, c.Luma, c.Luma));
                return img;
            case EffectKind.Box:
                {
                    var bounds = layers.Footprints[RequireObject(effect, scene)].Bounds(0.3f)
                        ?? throw new InvalidOperationException($"object {effect.ObjectId} has no pixels to box");
                    int t = Math.Max(1, (int)MathF.Round(side * o.BoxThickness));
                    Canvas.StrokeRect(img, bounds.X0 - t, bounds.Y0 - t, bounds.X1 + t, bounds.Y1 + t, t, ColorOf(o.BoxColor));
                    return img;
                }
            case EffectKind.Overlay:
                {
                    var vis = layers.Visible[RequireObject(effect, scene)];
                    Rgb c = ColorOf(o.OverlayColor);
                    for (int p = 0; p < vis.Data.Length; p++)
                        if (vis.Data[p] > 0) img.Blend(p % w, p / w, c, o.OverlayOpacity * vis.Data[p]);
                    return img;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect.Kind, "unknown effect");
        }
    }

    private static int RequireObject(SceneEffect effect, Scene scene) =>
        effect.ObjectId is int id && scene.Find(id) is not null
            ? id
            : throw new InvalidOperationException($"effect {effect.Kind} names object {effect.ObjectId}, which the scene lacks");

    private static Rgb ColorOf(float[] c) => new(c[0], c[1], c[2]);

    private static void Map(RgbImage img, Func<Rgb, Rgb> f)
    {
        for (int i = 0; i < img.Data.Length; i += 3)
        {
            Rgb c = f(new Rgb(img.Data[i], img.Data[i + 1], img.Data[i + 2]));
            img.Data[i] = c.R;
            img.Data[i + 1] = c.G;
            img.Data[i + 2] = c.B;
        }
    }

    private static Rgb Posterize(Rgb c, int levels)
    {
        float k = levels - 1;
        return new Rgb(MathF.Round(Math.Clamp(c.R, 0, 1) * k) / k, MathF.Round(Math.Clamp(c.G, 0, 1) * k) / k, MathF.Round(Math.Clamp(c.B, 0, 1) * k) / k);
    }

    private static Rgb Saturate(Rgb c, float s)
    {
        float l = c.Luma;
        return new Rgb(l + (c.R - l) * s, l + (c.G - l) * s, l + (c.B - l) * s).Clamp();
    }

    private static Rgb Contrast(Rgb c, float k) => new Rgb((c.R - 0.5f) * k + 0.5f, (c.G - 0.5f) * k + 0.5f, (c.B - 0.5f) * k + 0.5f).Clamp();

    /// <summary>Deterministic particle positions (stars, snowflakes, raindrops) from the effect's seed.</summary>
    private static void Particles(RgbImage img, SceneLayers layers, ulong seed, EffectOptions o, bool onSkyOnly, Action<int, int, int> draw)
    {
        var rng = new Rng(seed);
        int count = Math.Max(1, o.ParticlesPer4096Pixels * img.Width * img.Height / 4096);
        if (onSkyOnly) count /= 2;
        for (int k = 0; k < count; k++)
        {
            int x = rng.NextInt(img.Width), y = rng.NextInt(img.Height);
            if (onSkyOnly)
            {
                int label = layers.Labels[y * img.Width + x];
                if (label is not (SceneLayers.Sky or SceneLayers.Plain) || y > img.Height * 0.6f) continue;
            }
            draw(x, y, k);
        }
    }
}
