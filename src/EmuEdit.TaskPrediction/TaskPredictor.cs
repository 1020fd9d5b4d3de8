using EmuEdit.SentenceEncoding;

namespace EmuEdit.TaskPrediction;

/// <summary>
/// Instruction -> probability per task: a multinomial logistic regression over word and character
/// n-gram features and, when the predictor has an <see cref="EmbeddingHead"/>, a frozen pretrained
/// sentence embedding. The paper fine-tunes Flan-T5-XL for this. N-grams alone learn only the words of
/// the training phrasings (62.5% on held-out ones); the embedding brings what a pretrained language
/// model knows about words never seen in training. Thread-safe: prediction only reads.
/// </summary>
public sealed class TaskPredictor
{
    private readonly Dictionary<string, int> _featureIndex;
    private readonly InstructionFeatures _extractor;

    internal TaskPredictor(IReadOnlyList<string> tasks, IReadOnlyList<string> features, float[] weights, float[] bias, FeatureOptions options,
        EmbeddingHead? embedding = null)
    {
        if (tasks.Count == 0) throw new ArgumentException("A task predictor needs at least one task.", nameof(tasks));
        if (weights.Length != features.Count * tasks.Count)
            throw new ArgumentException($"Expected {features.Count}x{tasks.Count} weights, got {weights.Length}.", nameof(weights));
        if (bias.Length != tasks.Count)
            throw new ArgumentException($"Expected {tasks.Count} biases, got {bias.Length}.", nameof(bias));
        Tasks = tasks;
        Features = features;
        Weights = weights;
        Bias = bias;
        Options = options;
        Embedding = embedding;
        _extractor = new InstructionFeatures(options);
        _featureIndex = new Dictionary<string, int>(features.Count, StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++) _featureIndex[features[i]] = i;
    }

    public IReadOnlyList<string> Tasks { get; }
    public FeatureOptions Options { get; }
    internal IReadOnlyList<string> Features { get; }

    /// <summary>The sentence-embedding view; null for an n-gram-only predictor.</summary>
    internal EmbeddingHead? Embedding { get; }

    /// <summary>The sentence encoder the predictor reads, if any.</summary>
    public EncoderReference? Encoder => Embedding?.Reference;

    /// <summary>Row-major [feature, task].</summary>
    internal float[] Weights { get; }
    internal float[] Bias { get; }

    public TaskPrediction Predict(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return Predict([instruction])[0];
    }

    /// <summary>Predicts many instructions at once: the sentence encoder runs them in batches.</summary>
    public IReadOnlyList<TaskPrediction> Predict(IReadOnlyList<string> instructions) => Predict(instructions, null);

    /// <param name="embeddings">The instructions' embeddings from this predictor's encoder, when already computed.</param>
    internal IReadOnlyList<TaskPrediction> Predict(IReadOnlyList<string> instructions, IReadOnlyList<float[]>? embeddings)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        for (var i = 0; i < instructions.Count; i++)
        {
            if (instructions[i] is null) throw new ArgumentNullException(nameof(instructions), $"Instruction {i} is null.");
        }
        if (embeddings is not null && embeddings.Count != instructions.Count)
            throw new ArgumentException($"{embeddings.Count} embeddings for {instructions.Count} instructions.", nameof(embeddings));
        if (Embedding is not null) embeddings ??= Embedding.Encoder.Encode(instructions);
        var result = new TaskPrediction[instructions.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var logits = Logits(ActiveFeatures(instructions[i]), embeddings?[i]);
            result[i] = new TaskPrediction(Tasks, Softmax(logits));
        }
        return result;
    }

    /// <summary>Indices of the known features of an instruction; unknown ones carry no evidence and are dropped.</summary>
    internal int[] ActiveFeatures(string instruction) => Resolve(_extractor.Extract(instruction));

    internal int[] Resolve(IReadOnlyList<string> features)
    {
        var active = new List<int>(features.Count);
        foreach (var f in features)
        {
            if (_featureIndex.TryGetValue(f, out var i)) active.Add(i);
        }
        return active.ToArray();
    }

    /// <param name="active">Known n-gram features.</param>
    /// <param name="embedding">The instruction's sentence embedding; required when the predictor has an embedding head.</param>
    /// <param name="useNgrams">False while training with n-gram dropout: the embedding alone must then carry the answer.</param>
    internal float[] Logits(int[] active, float[]? embedding = null, bool useNgrams = true)
    {
        var k = Tasks.Count;
        var logits = (float[])Bias.Clone();
        if (Embedding is not null)
        {
            Embedding.AddLogits(embedding ?? throw new ArgumentNullException(nameof(embedding), "This predictor needs the sentence embedding."), logits);
        }
        if (!useNgrams) return logits;
        // Binary features scaled to unit length so long instructions do not get sharper answers.
        var scale = active.Length == 0 ? 0f : 1f / MathF.Sqrt(active.Length);
        foreach (var f in active)
        {
            var row = f * k;
            for (var t = 0; t < k; t++) logits[t] += scale * Weights[row + t];
        }
        return logits;
    }

    internal static float[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var p = new float[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            p[i] = MathF.Exp(logits[i] - max);
            sum += p[i];
        }
        for (var i = 0; i < p.Length; i++) p[i] = (float)(p[i] / sum);
        return p;
    }
}
