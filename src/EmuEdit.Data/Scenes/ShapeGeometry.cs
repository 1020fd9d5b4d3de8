namespace EmuEdit.Data.Scenes;

/// <summary>
/// Shapes as implicit functions of local coordinates (u, v) in [-1, 1] around the object centre, v
/// pointing down. Implicit tests make supersampled anti-aliasing, masks and label maps all agree.
/// </summary>
public static class ShapeGeometry
{
    /// <summary>Which part of a composite shape a point belongs to (they are painted differently).</summary>
    public enum Part
    {
        Outside,
        Body,
        Roof,
        Door,
        Trunk,
    }

    private static readonly (float U, float V)[] Triangle = [(0f, -0.95f), (0.95f, 0.8f), (-0.95f, 0.8f)];
    private static readonly (float U, float V)[] Roof = [(0f, -0.95f), (0.98f, -0.1f), (-0.98f, -0.1f)];
    private static readonly (float U, float V)[] Star = MakeStar();
    private static readonly (float U, float V)[] Hexagon = MakeRegular(6, 0.97f, 0f);

    private static (float, float)[] MakeStar()
    {
        var pts = new (float, float)[10];
        for (int i = 0; i < 10; i++)
        {
            float r = i % 2 == 0 ? 1f : 0.45f;
            float a = -MathF.PI / 2 + i * MathF.PI / 5;
            pts[i] = (r * MathF.Cos(a), r * MathF.Sin(a) + 0.08f);
        }
        return pts;
    }

    private static (float, float)[] MakeRegular(int n, float r, float phase)
    {
        var pts = new (float, float)[n];
        for (int i = 0; i < n; i++)
        {
            float a = phase + i * 2 * MathF.PI / n;
            pts[i] = (r * MathF.Cos(a), r * MathF.Sin(a));
        }
        return pts;
    }

    public static bool Inside(ShapeKind kind, float u, float v, float[] pose) => PartAt(kind, u, v, pose) != Part.Outside;

    public static Part PartAt(ShapeKind kind, float u, float v, float[] pose)
    {
        bool inside;
        switch (kind)
        {
            case ShapeKind.Circle:
                inside = u * u + v * v <= 0.95f * 0.95f;
                break;
            case ShapeKind.Square:
                inside = MathF.Abs(u) <= 0.8f && MathF.Abs(v) <= 0.8f;
                break;
            case ShapeKind.Triangle:
                inside = InPolygon(Triangle, u, v);
                break;
            case ShapeKind.Star:
                inside = InPolygon(Star, u, v);
                break;
            case ShapeKind.Heart:
                {
                    float x = u * 1.25f, y = -v * 1.25f + 0.2f;
                    float a = x * x + y * y - 1;
                    inside = a * a * a - x * x * y * y * y <= 0;
                    break;
                }
            case ShapeKind.Cross:
                inside = (MathF.Abs(u) <= 0.3f && MathF.Abs(v) <= 0.92f) || (MathF.Abs(v) <= 0.3f && MathF.Abs(u) <= 0.92f);
                break;
            case ShapeKind.Ring:
                {
                    float r2 = u * u + v * v;
                    inside = r2 <= 0.95f * 0.95f && r2 >= 0.5f * 0.5f;
                    break;
                }
            case ShapeKind.Diamond:
                inside = MathF.Abs(u) / 0.75f + MathF.Abs(v) / 0.97f <= 1f;
                break;
            case ShapeKind.Hexagon:
                inside = InPolygon(Hexagon, u, v);
                break;
            case ShapeKind.Moon:
                inside = u * u + v * v <= 0.9f * 0.9f && (u - 0.42f) * (u - 0.42f) + (v + 0.22f) * (v + 0.22f) > 0.72f * 0.72f;
                break;
            case ShapeKind.House:
                if (MathF.Abs(u) <= 0.18f && v >= 0.4f && v <= 0.9f) return Part.Door;
                if (MathF.Abs(u) <= 0.72f && v >= -0.12f && v <= 0.9f) return Part.Body;
                return InPolygon(Roof, u, v) ? Part.Roof : Part.Outside;
            case ShapeKind.Tree:
                if (u * u + (v + 0.28f) * (v + 0.28f) <= 0.68f * 0.68f) return Part.Body;
                return MathF.Abs(u) <= 0.15f && v >= 0.2f && v <= 0.98f ? Part.Trunk : Part.Outside;
            case ShapeKind.Person:
                inside = InPerson(u, v, pose);
                break;
            default:
                inside = false;
                break;
        }
        return inside ? Part.Body : Part.Outside;
    }

    private const float LimbHalfWidth = 0.11f;
    private const float ArmLength = 0.6f;
    private const float LegLength = 0.72f;
    private static readonly (float U, float V) Head = (0f, -0.72f);
    private static readonly (float U, float V) Neck = (0f, -0.48f);
    private static readonly (float U, float V) Shoulder = (0f, -0.38f);
    private static readonly (float U, float V) Hip = (0f, 0.2f);

    private static bool InPerson(float u, float v, float[] pose)
    {
        if ((u - Head.U) * (u - Head.U) + (v - Head.V) * (v - Head.V) <= 0.24f * 0.24f) return true;
        foreach (var (a, b) in PersonSegments(pose))
            if (SegDist(u, v, a.U, a.V, b.U, b.V) <= LimbHalfWidth) return true;
        return false;
    }

    /// <summary>Torso and limbs of a person as segments in local coordinates.</summary>
    public static IEnumerable<((float U, float V) A, (float U, float V) B)> PersonSegments(float[] pose)
    {
        float la = pose.Length > 0 ? pose[0] : 2.4f, ra = pose.Length > 1 ? pose[1] : 0.7f;
        float ll = pose.Length > 2 ? pose[2] : 2.0f, rl = pose.Length > 3 ? pose[3] : 1.1f;
        yield return (Neck, Hip);
        yield return (Shoulder, Polar(Shoulder, la, ArmLength));
        yield return (Shoulder, Polar(Shoulder, ra, ArmLength));
        yield return (Hip, Polar(Hip, ll, LegLength));
        yield return (Hip, Polar(Hip, rl, LegLength));
    }

    private static (float U, float V) Polar((float U, float V) from, float angle, float length) =>
        (from.U + length * MathF.Cos(angle), from.V + length * MathF.Sin(angle));

    /// <summary>
    /// Keypoints and the edges joining them, in local coordinates: a person's joints, a polygon's
    /// corners around its centre. The pose modality draws these.
    /// </summary>
    public static (IReadOnlyList<(float U, float V)> Points, IReadOnlyList<(int A, int B)> Edges) Skeleton(ShapeKind kind, float[] pose)
    {
        switch (kind)
        {
            case ShapeKind.Person:
                {
                    var segs = PersonSegments(pose).ToArray();
                    var pts = new List<(float, float)> { Head, Neck, Hip, Shoulder, segs[1].B, segs[2].B, segs[3].B, segs[4].B };
                    return (pts, [(0, 1), (1, 3), (3, 2), (3, 4), (3, 5), (2, 6), (2, 7)]);
                }
            case ShapeKind.Triangle: return Hub(Triangle);
            case ShapeKind.Star: return Hub(Star.Where((_, i) => i % 2 == 0).ToArray());
            case ShapeKind.Hexagon: return Hub(Hexagon);
            case ShapeKind.Square: return Hub([(-0.8f, -0.8f), (0.8f, -0.8f), (0.8f, 0.8f), (-0.8f, 0.8f)]);
            case ShapeKind.Diamond: return Hub([(0f, -0.97f), (0.75f, 0f), (0f, 0.97f), (-0.75f, 0f)]);
            case ShapeKind.Cross: return Hub([(0f, -0.92f), (0.92f, 0f), (0f, 0.92f), (-0.92f, 0f)]);
            case ShapeKind.House: return Hub([(0f, -0.95f), (0.72f, -0.12f), (0.72f, 0.9f), (-0.72f, 0.9f), (-0.72f, -0.12f)]);
            case ShapeKind.Tree: return ([(0f, -0.95f), (0f, -0.28f), (0f, 0.98f), (-0.68f, -0.28f), (0.68f, -0.28f)], [(0, 1), (1, 2), (1, 3), (1, 4)]);
            case ShapeKind.Heart: return Hub([(0f, 0.95f), (-0.8f, -0.55f), (0.8f, -0.55f), (0f, -0.4f)]);
            case ShapeKind.Moon: return Hub([(-0.9f, 0f), (0.2f, -0.85f), (0.2f, 0.85f)]);
            default: return Hub(MakeRegular(4, 0.95f, -MathF.PI / 2));
        }
    }

    private static (IReadOnlyList<(float U, float V)>, IReadOnlyList<(int, int)>) Hub((float U, float V)[] corners)
    {
        var pts = new List<(float, float)> { (0f, 0f) };
        pts.AddRange(corners);
        var edges = new List<(int, int)>();
        for (int i = 1; i <= corners.Length; i++) edges.Add((0, i));
        return (pts, edges);
    }

    private static bool InPolygon((float U, float V)[] poly, float u, float v)
    {
        bool inside = false;
        for (int i = 0, j = poly.Length - 1; i < poly.Length; j = i++)
        {
            var (ui, vi) = poly[i];
            var (uj, vj) = poly[j];
            if ((vi > v) != (vj > v) && u < (uj - ui) * (v - vi) / (vj - vi) + ui) inside = !inside;
        }
        return inside;
    }

    private static float SegDist(float px, float py, float ax, float ay, float bx, float by)
    {
        float dx = bx - ax, dy = by - ay;
        float t = Math.Clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0f, 1f);
        float qx = ax + t * dx - px, qy = ay + t * dy - py;
        return MathF.Sqrt(qx * qx + qy * qy);
    }
}
