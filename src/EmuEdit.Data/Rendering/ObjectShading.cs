using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>
/// Colours of object surfaces: part colour, texture, and "pillow" shading lit from the top left, which
/// gives every object a sense of volume (the same surface normals feed the normal-map modality).
/// </summary>
internal sealed class ObjectShading(RenderOptions options)
{
    private static readonly (float X, float Y, float Z) Light = Normalize(-0.45f, -0.55f, 0.7f);
    private static readonly Rgb Trunk = new(0.42f, 0.26f, 0.1f);
    private static readonly Rgb Door = new(0.25f, 0.14f, 0.06f);

    public (float X, float Y, float Z) Normal(float u, float v)
    {
        float k = options.PillowStrength;
        return Normalize(u * k, v * k, 1f);
    }

    /// <summary>A shader for one object, with its colours looked up once rather than per sample.</summary>
    public Rasterizer.ObjectShader For(SceneObject o)
    {
        Rgb baseColor = Palette.Get(o.Color);
        Rgb? patternColor = o.Texture == TextureKind.Solid || o.TextureColor is null ? null : Palette.Get(o.TextureColor);
        return (_, part, u, v) => Shade(baseColor, patternColor, o, part, u, v);
    }

    private Rgb Shade(Rgb baseColor, Rgb? patternColor, SceneObject o, ShapeGeometry.Part part, float u, float v)
    {
        Rgb c = part switch
        {
            ShapeGeometry.Part.Trunk => Trunk,
            ShapeGeometry.Part.Door => Door,
            _ => patternColor is { } pc && TextureShader.PatternOn(o.Texture, u * o.Size, v * o.Size, options.TexturePeriod) ? pc : baseColor,
        };
        if (part == ShapeGeometry.Part.Roof) c = c.Scale(0.72f);
        var n = Normal(u, v);
        float lit = options.Ambient + options.Diffuse * MathF.Max(0f, n.X * Light.X + n.Y * Light.Y + n.Z * Light.Z);
        return c.Scale(lit).Clamp();
    }

    private static (float X, float Y, float Z) Normalize(float x, float y, float z)
    {
        float len = MathF.Sqrt(x * x + y * y + z * z);
        return (x / len, y / len, z / len);
    }
}
