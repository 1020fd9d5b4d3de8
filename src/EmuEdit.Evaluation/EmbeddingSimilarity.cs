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
    /// embeddings, cos(Ê_I(out) - Ê_I(in), Ê_T(out caption) - Ê_T(in caption)), where Ê is an embedding scaled
    /// to unit length, as the reference implementation (InstructPix2Pix's clip_similarity) does: a difference's
    /// direction depends on the lengths, so without it the score would depend on whether an encoder's ONNX
    /// export happens to normalise its output.
    /// </summary>
    public static double Direction(float[] imageIn, float[] imageOut, float[] captionIn, float[] captionOut)
    {
        return Cosine(UnitDifference(imageOut, imageIn), UnitDifference(captionOut, captionIn));
    }

    /// <summary>a/|a| - b/|b| (a zero vector stays zero).</summary>
    private static double[] UnitDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Embeddings differ in length: {a.Length} vs {b.Length}.");
        double na = Norm(a), nb = Norm(b);
        var d = new double[a.Length];
        for (var i = 0; i < a.Length; i++) d[i] = (na == 0 ? 0 : a[i] / na) - (nb == 0 ? 0 : b[i] / nb);
        return d;
    }

    private static double Norm(float[] v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    private static double Cosine(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
