using System.Runtime.CompilerServices;
using EmuEdit.Data.Imaging;
using EmuEdit.Data.Rendering.Modalities;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>
/// Turns a <see cref="Scene"/> into pixels: background, then objects back to front (each casting a soft
/// drop shadow on what lies below), then text, then the scene's effects; or one of the other
/// modalities when <see cref="Scene.Modality"/> asks for it. Pure: the same scene gives the same image.
/// </summary>
public sealed class SceneRenderer(RenderOptions? options = null)
{
    public RenderOptions Options { get; } = options ?? new RenderOptions();

    // Scenes are immutable, so layers can be cached by instance: a generation attempt asks for the same
    // scene's layers several times (referent choice, filtering, masks, rendering).
    private readonly ConditionalWeakTable<Scene, SceneLayers> _layers = new();

    public SceneLayers Layers(Scene scene) => _layers.GetValue(scene, s => LayerBuilder.Build(s, Options));

    public RgbImage Render(Scene scene) => Render(scene, null);

    /// <summary>Renders with layers already computed for this scene (saves recomputing them).</summary>
    public RgbImage Render(Scene scene, SceneLayers? layers)
    {
        switch (scene.Modality)
        {
            case Modality.Image:
                return ApplyEffects(scene, Picture(scene, layers ??= Layers(scene)), layers);
            case Modality.Sketch:
                return SketchModality.Render(layers ?? Layers(scene));
            case Modality.Depth:
                return DepthModality.Render(scene, Options);
            case Modality.Normal:
                return NormalModality.Render(scene, Options);
            case Modality.Segmentation:
                return SegmentationModality.Render(scene, layers ?? Layers(scene));
            case Modality.Pose:
                return PoseModality.Render(scene);
            case Modality.Contour:
                return ContourModality.Render(layers ?? Layers(scene));
            case Modality.LowRes:
                {
                    var image = Render(scene with { Modality = Modality.Image }, layers);
                    return ImageOps.ResizeBilinear(ImageOps.Downsample(image, 4), image.Width, image.Height);
                }
            case Modality.Masked:
                {
                    var image = Render(scene with { Modality = Modality.Image }, layers);
                    return MaskedModality.Apply(scene, image);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(scene), scene.Modality, "unknown modality");
        }
    }

    /// <summary>The scene's picture without effects.</summary>
    public RgbImage Picture(Scene scene, SceneLayers layers)
    {
        var g = new Geometry(scene);
        int ss = Options.Supersample;
        var img = new RgbImage(g.W, g.H);
        var bg = new BackgroundShader(scene);
        Rasterizer.PaintBackground(img, ss, bg.Color);
        var shading = new ObjectShading(Options);
        foreach (var o in scene.Objects)
        {
            var shadow = layers.Shadows[o.Id];
            float strength = Options.ShadowStrength;
            for (int i = 0; i < shadow.Data.Length; i++)
            {
                float s = shadow.Data[i];
                if (s <= 0) continue;
                float k = 1 - strength * s;
                img.Data[i * 3] *= k;
                img.Data[i * 3 + 1] *= k;
                img.Data[i * 3 + 2] *= k;
            }
            Rasterizer.PaintObject(img, g, o, ss, shading.For(o));
        }
        for (int t = 0; t < scene.Texts.Count; t++)
        {
            Rgb c = Palette.Get(scene.Texts[t].Color);
            var cov = layers.TextFootprints[t];
            for (int p = 0; p < cov.Data.Length; p++)
                if (cov.Data[p] > 0) img.Blend(p % g.W, p / g.W, c, cov.Data[p]);
        }
        return img;
    }

    private RgbImage ApplyEffects(Scene scene, RgbImage image, SceneLayers layers)
    {
        foreach (var effect in scene.Effects) image = EffectRenderer.Apply(image, effect, scene, layers, Options.Effects);
        return image;
    }
}
