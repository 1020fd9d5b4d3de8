namespace EmuEdit.Evaluation;

/// <summary>
/// The paper's embedding metrics (§5): CLIP_dir, CLIP_im, CLIP_out and DINO are cosine
/// similarities of encoder embeddings; the ResNet-18 feature similarity uses the same formula.
/// </summary>
public static class EmbeddingSimilarity
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings differ in length: {a.Length} vs {b.Length}.");
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        // Zero vectors have no direction; report no similarity rather than NaN.
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>
    /// CLIP_dir: agreement between the change in image embeddings and the change in caption
    /// embeddings, cos(E_I(out) - E_I(in), E_T(out caption) - E_T(in caption)).
    /// </summary>
    public static double Direction(float[] imageIn, float[] imageOut, float[] captionIn, float[] captionOut)
    {
        return Cosine(Subtract(imageOut, imageIn), Subtract(captionOut, captionIn));
    }

    private static float[] Subtract(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings differ in length: {a.Length} vs {b.Length}.");
        var d = new float[a.Length];
        for (var i = 0; i < a.Length; i++) d[i] = a[i] - b[i];
        return d;
    }
}
