using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>Mapping between pixels and scene units: X and Y are fractions of width and height, sizes of the shorter side.</summary>
internal readonly struct Geometry(Scene scene)
{
    public readonly int W = scene.Width;
    public readonly int H = scene.Height;
    public readonly float S = Math.Min(scene.Width, scene.Height);

    /// <summary>Inclusive pixel bounds of an object's square of half-extent <paramref name="extent"/> (in object units), clipped.</summary>
    public (int X0, int Y0, int X1, int Y1) Bounds(SceneObject o, float extent, float offX = 0, float offY = 0)
    {
        float cx = o.X * W + offX, cy = o.Y * H + offY, r = o.Size * S * extent;
        return (Math.Max(0, (int)MathF.Floor(cx - r) - 1), Math.Max(0, (int)MathF.Floor(cy - r) - 1),
                Math.Min(W - 1, (int)MathF.Ceiling(cx + r) + 1), Math.Min(H - 1, (int)MathF.Ceiling(cy + r) + 1));
    }

    public float U(SceneObject o, float px) => (px - o.X * W) / (o.Size * S);
    public float V(SceneObject o, float py) => (py - o.Y * H) / (o.Size * S);

    /// <summary>Size in pixels of one font pixel of a text.</summary>
    public float Cell(SceneText t) => t.Scale * S / 64f;
}
