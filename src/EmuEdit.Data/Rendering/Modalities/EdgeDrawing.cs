using EmuEdit.Data.Imaging;

namespace EmuEdit.Data.Rendering.Modalities;

/// <summary>Draws boundaries of the label map; line width grows with the image so lines stay visible.</summary>
internal static class EdgeDrawing
{
    public static RgbImage Draw(SceneLayers layers, bool objectsOnly, Rgb paper, Rgb ink)
    {
        int w = layers.Width, h = layers.Height;
        var edges = new GrayImage(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                if ((x + 1 < w && Differs(layers, i, i + 1, objectsOnly)) || (y + 1 < h && Differs(layers, i, i + w, objectsOnly)))
                    edges.Data[i] = 1;
            }
        int radius = Math.Max(0, Math.Min(w, h) / 128);
        if (radius > 0) edges = ImageOps.Dilate(edges, radius);
        var img = new RgbImage(w, h, paper);
        for (int i = 0; i < edges.Data.Length; i++)
            if (edges.Data[i] > 0) img[i % w, i / w] = ink;
        return img;
    }

    private static bool Differs(SceneLayers l, int a, int b, bool objectsOnly)
    {
        int la = l.Labels[a], lb = l.Labels[b];
        if (objectsOnly)
        {
            // Only boundaries that involve an object: text and background regions merge into "not object".
            la = la > 0 ? la : 0;
            lb = lb > 0 ? lb : 0;
            return la != lb;
        }
        return la != lb || l.Parts[a] != l.Parts[b];
    }
}
