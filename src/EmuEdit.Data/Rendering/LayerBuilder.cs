using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>Computes <see cref="SceneLayers"/> for a scene.</summary>
internal static class LayerBuilder
{
    public static SceneLayers Build(Scene scene, RenderOptions options)
    {
        var g = new Geometry(scene);
        int ss = options.Supersample, n = g.W * g.H;
        float offX = options.ShadowOffsetX * g.S, offY = options.ShadowOffsetY * g.S;
        var footprints = new Dictionary<int, GrayImage>();
        var shadows = new Dictionary<int, GrayImage>();
        foreach (var o in scene.Objects)
        {
            var f = new GrayImage(g.W, g.H);
            Rasterizer.Coverage(g, o, ss, 0, 0, f.Data);
            footprints[o.Id] = f;
            var s = new GrayImage(g.W, g.H);
            Rasterizer.Coverage(g, o, ss, offX, offY, s.Data);
            shadows[o.Id] = s;
        }
        var texts = new List<GrayImage>();
        foreach (var t in scene.Texts)
        {
            var f = new GrayImage(g.W, g.H);
            Rasterizer.TextCoverage(g, t, ss, f.Data);
            texts.Add(f);
        }

        // Visible coverage: what remains of each footprint under everything drawn after it.
        var visible = new Dictionary<int, GrayImage>();
        var above = new float[n];
        foreach (var t in texts)
            for (int i = 0; i < n; i++) above[i] = 1 - (1 - above[i]) * (1 - t.Data[i]);
        for (int k = scene.Objects.Count - 1; k >= 0; k--)
        {
            var o = scene.Objects[k];
            var f = footprints[o.Id];
            var vis = new GrayImage(g.W, g.H);
            for (int i = 0; i < n; i++)
            {
                vis.Data[i] = f.Data[i] * (1 - above[i]);
                above[i] = 1 - (1 - above[i]) * (1 - f.Data[i]);
            }
            visible[o.Id] = vis;
        }

        var bg = new BackgroundShader(scene);
        var labels = new int[n];
        var parts = new byte[n];
        float threshold = options.LabelThreshold;
        for (int y = 0; y < g.H; y++)
            for (int x = 0; x < g.W; x++)
            {
                int i = y * g.W + x;
                int label = bg.Region(x + 0.5f, y + 0.5f);
                byte part = 0;
                foreach (var o in scene.Objects)
                    if (footprints[o.Id].Data[i] >= threshold)
                    {
                        label = o.Id;
                        part = (byte)ShapeGeometry.PartAt(o.Kind, g.U(o, x + 0.5f), g.V(o, y + 0.5f), o.Pose);
                    }
                for (int t = 0; t < texts.Count; t++)
                    if (texts[t].Data[i] >= threshold) { label = SceneLayers.TextBase - t; part = 0; }
                labels[i] = label;
                parts[i] = part;
            }

        return new SceneLayers
        {
            Width = g.W,
            Height = g.H,
            Footprints = footprints,
            Shadows = shadows,
            Visible = visible,
            TextFootprints = texts,
            Labels = labels,
            Parts = parts,
        };
    }
}
