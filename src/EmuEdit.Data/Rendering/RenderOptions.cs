namespace EmuEdit.Data.Rendering;

/// <summary>Tunables of the renderer. Defaults are what the shipped data uses; changing them changes every image.</summary>
public sealed record RenderOptions
{
    /// <summary>Samples per pixel side for anti-aliasing (2 gives 4 samples: smooth enough at 64 px and fast).</summary>
    public int Supersample { get; init; } = 2;
    /// <summary>Drop-shadow offset as fractions of the image side; shadows give occlusion and depth cues.</summary>
    public float ShadowOffsetX { get; init; } = 0.025f;
    public float ShadowOffsetY { get; init; } = 0.035f;
    /// <summary>How much a shadow darkens what lies under it.</summary>
    public float ShadowStrength { get; init; } = 0.4f;
    /// <summary>Curvature of the "pillow" surface that shading and normal maps use.</summary>
    public float PillowStrength { get; init; } = 0.5f;
    public float Ambient { get; init; } = 0.55f;
    public float Diffuse { get; init; } = 0.5f;
    /// <summary>Period of object textures as a fraction of the image side.</summary>
    public float TexturePeriod { get; init; } = 0.075f;
    /// <summary>Coverage above which a pixel belongs to an object in label maps (segmentation, sketch).</summary>
    public float LabelThreshold { get; init; } = 0.5f;
    /// <summary>Strengths of global, style and colour effects.</summary>
    public EffectOptions Effects { get; init; } = new();
}
