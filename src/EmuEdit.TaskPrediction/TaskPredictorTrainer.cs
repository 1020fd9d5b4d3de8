using EmuEdit.SentenceEncoding;

namespace EmuEdit.TaskPrediction;

/// <summary>Fits a <see cref="TaskPredictor"/> to labelled instructions; deterministic for a given seed and input order.</summary>
public static class TaskPredictorTrainer
{
    /// <param name="encoder">
    /// A frozen sentence encoder to train an embedding view over, alongside the n-grams; null for an
    /// n-gram-only predictor (no model files needed, trains in milliseconds: what tests use).
    /// </param>
    /// <param name="embeddings">The examples' embeddings by <paramref name="encoder"/> when the caller has them; else computed here.</param>
    public static TaskPredictor Train(IReadOnlyList<LabelledInstruction> examples, IReadOnlyList<string> tasks, TrainerOptions options,
        IProgress<(int Epoch, double Loss)>? progress = null, SentenceEncoder? encoder = null, IReadOnlyList<float[]>? embeddings = null)
    {
        if (examples.Count == 0) throw new ArgumentException("No training examples.", nameof(examples));
        options.Embedding.Validate();
        var taskIndex = tasks.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var extractor = new InstructionFeatures(options.Features);

        var extracted = new List<IReadOnlyList<string>>(examples.Count);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new int[examples.Count];
        for (var n = 0; n < examples.Count; n++)
        {
            if (!taskIndex.TryGetValue(examples[n].Task, out labels[n]))
                throw new ArgumentException($"Example {n} names task '{examples[n].Task}', which is not one of the {tasks.Count} tasks.");
            var f = extractor.Extract(examples[n].Instruction);
            extracted.Add(f);
            foreach (var s in f) counts[s] = counts.GetValueOrDefault(s) + 1;
        }

        var features = counts.Where(c => c.Value >= options.MinFeatureCount).Select(c => c.Key)
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        var k = tasks.Count;
        var head = encoder is null
            ? null
            : new EmbeddingHead(encoder, EncoderReference.Of(encoder), new float[encoder.Dimension * k], options.Embedding.Scale, k);
        if (embeddings is not null && (encoder is null || embeddings.Count != examples.Count))
            throw new ArgumentException("Embeddings need their encoder and one per example.", nameof(embeddings));
        if (encoder is not null) embeddings ??= encoder.Encode(examples.Select(e => e.Instruction).ToArray());
        var model = new TaskPredictor(tasks, features, new float[features.Count * k], new float[k], options.Features, head);
        var active = extracted.Select(model.Resolve).ToArray();

        var rng = new SplitMix64(options.Seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            Shuffle(order, rng);
            // Step size decays linearly so the last epochs settle instead of oscillating.
            var lr = options.LearningRate * (1f - (float)epoch / options.Epochs);
            double loss = 0;
            foreach (var n in order)
            {
                // Dropout draws come from the same seeded stream, so training stays reproducible.
                var useNgrams = head is null || ToUnit(rng.Next()) >= options.Embedding.NgramDropout;
                loss += Step(model, active[n], embeddings?[n], useNgrams, labels[n], lr, options);
            }
            progress?.Report((epoch + 1, loss / examples.Count));
        }
        return model;
    }

    private static double Step(TaskPredictor model, int[] active, float[]? embedding, bool useNgrams, int label, float lr, TrainerOptions options)
    {
        var p = TaskPredictor.Softmax(model.Logits(active, embedding, useNgrams));
        var k = p.Length;
        var scale = active.Length == 0 || !useNgrams ? 0f : 1f / MathF.Sqrt(active.Length);
        var head = model.Embedding;
        for (var t = 0; t < k; t++)
        {
            var grad = p[t] - (t == label ? 1f : 0f);
            model.Bias[t] -= lr * grad;
            if (useNgrams)
            {
                foreach (var f in active)
                {
                    ref var w = ref model.Weights[f * k + t];
                    w -= lr * (grad * scale + options.L2 * w);
                }
            }
            if (head is not null)
            {
                var g = grad * head.Scale;
                for (var j = 0; j < embedding!.Length; j++)
                {
                    ref var w = ref head.Weights[j * k + t];
                    w -= lr * (g * embedding[j] + options.Embedding.L2 * w);
                }
            }
        }
        return -Math.Log(Math.Max(p[label], 1e-12));
    }

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    private static double ToUnit(ulong x) => (x >> 11) * (1.0 / (1UL << 53));

    private static void Shuffle(int[] order, SplitMix64 rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
