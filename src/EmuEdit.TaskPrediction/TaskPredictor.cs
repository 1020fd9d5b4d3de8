namespace EmuEdit.TaskPrediction;

/// <summary>
/// Instruction -> probability per task: a multinomial logistic regression over word and
/// character n-gram features. The paper fine-tunes Flan-T5-XL for this; a linear model over
/// n-grams is what the project's CPU budget and data allow, and it answers in microseconds.
/// </summary>
public sealed class TaskPredictor
{
    private readonly Dictionary<string, int> _featureIndex;
    private readonly InstructionFeatures _extractor;

    internal TaskPredictor(IReadOnlyList<string> tasks, IReadOnlyList<string> features, float[] weights, float[] bias, FeatureOptions options)
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
        _extractor = new InstructionFeatures(options);
        _featureIndex = new Dictionary<string, int>(features.Count, StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++) _featureIndex[features[i]] = i;
    }

    public IReadOnlyList<string> Tasks { get; }
    public FeatureOptions Options { get; }
    internal IReadOnlyList<string> Features { get; }

    /// <summary>Row-major [feature, task].</summary>
    internal float[] Weights { get; }
    internal float[] Bias { get; }

    public TaskPrediction Predict(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var logits = Logits(ActiveFeatures(instruction));
        return new TaskPrediction(Tasks, Softmax(logits));
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

    internal float[] Logits(int[] active)
    {
        var k = Tasks.Count;
        var logits = (float[])Bias.Clone();
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
