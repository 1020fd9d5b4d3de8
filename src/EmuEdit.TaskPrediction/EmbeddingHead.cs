using EmuEdit.SentenceEncoding;

namespace EmuEdit.TaskPrediction;

/// <summary>
/// The predictor's second view of an instruction: a frozen sentence embedding times a weight per
/// (dimension, task). Words never seen in training still move the embedding towards the tasks whose
/// training phrasings mean the same ("make it vanish" sits near "remove it").
/// </summary>
internal sealed class EmbeddingHead
{
    public EmbeddingHead(SentenceEncoder encoder, EncoderReference reference, float[] weights, float scale, int taskCount)
    {
        if (weights.Length != reference.Dimension * taskCount)
            throw new ArgumentException($"Expected {reference.Dimension}x{taskCount} embedding weights, got {weights.Length}.", nameof(weights));
        if (encoder.Dimension != reference.Dimension)
            throw new ArgumentException($"Encoder gives {encoder.Dimension} dims; the weights expect {reference.Dimension}.", nameof(encoder));
        Encoder = encoder;
        Reference = reference;
        Weights = weights;
        Scale = scale;
    }

    public SentenceEncoder Encoder { get; }
    public EncoderReference Reference { get; }

    /// <summary>Row-major [dimension, task].</summary>
    public float[] Weights { get; }

    /// <summary>Multiplies the unit-length embedding, setting its weight against the unit-scaled n-gram vector.</summary>
    public float Scale { get; }

    public void AddLogits(float[] embedding, float[] logits)
    {
        var k = logits.Length;
        for (var j = 0; j < embedding.Length; j++)
        {
            var x = Scale * embedding[j];
            var row = j * k;
            for (var t = 0; t < k; t++) logits[t] += x * Weights[row + t];
        }
    }
}
