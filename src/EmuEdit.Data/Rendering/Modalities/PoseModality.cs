using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>
/// A keypoint skeleton on black, in the spirit of OpenPose renderings: each object's joints or corners
/// as white dots joined by limbs in its class colour, drawn back to front.
/// </summary>
internal static class PoseModality
{
    public static RgbImage Render(Scene scene)
    {
        var g = new Geometry(scene);
        var img = new RgbImage(g.W, g.H, new Rgb(0, 0, 0));
        float width = MathF.Max(1.2f, g.S / 40f), dot = MathF.Max(1f, g.S / 45f);
        foreach (var o in scene.Objects)
        {
            var (points, edges) = ShapeGeometry.Skeleton(o.Kind, o.Pose);
            var px = points.Select(p => (X: o.X * g.W + p.U * o.Size * g.S, Y: o.Y * g.H + p.V * o.Size * g.S)).ToArray();
            Rgb limb = SegmentationModality.ClassColor(o.Kind);
            foreach (var (a, b) in edges) Canvas.Line(img, px[a].X, px[a].Y, px[b].X, px[b].Y, width, limb);
            foreach (var p in px) Canvas.Disc(img, p.X, p.Y, dot, new Rgb(1, 1, 1));
        }
        return img;
    }
}
