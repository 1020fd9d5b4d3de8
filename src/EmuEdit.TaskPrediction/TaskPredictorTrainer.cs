namespace EmuEdit.TaskPrediction;

/// <summary>Fits a <see cref="TaskPredictor"/> to labelled instructions; deterministic for a given seed and input order.</summary>
public static class TaskPredictorTrainer
{
    public static TaskPredictor Train(IReadOnlyList<LabelledInstruction> examples, IReadOnlyList<string> tasks, TrainerOptions options,
        IProgress<(int Epoch, double Loss)>? progress = null)
    {
        if (examples.Count == 0) throw new ArgumentException("No training examples.", nameof(examples));
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
        var model = new TaskPredictor(tasks, features, new float[features.Count * k], new float[k], options.Features);
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
                loss += Step(model, active[n], labels[n], lr, options.L2);
            }
            progress?.Report((epoch + 1, loss / examples.Count));
        }
        return model;
    }

    private static double Step(TaskPredictor model, int[] active, int label, float lr, float l2)
    {
        var p = TaskPredictor.Softmax(model.Logits(active));
        var k = p.Length;
        var scale = active.Length == 0 ? 0f : 1f / MathF.Sqrt(active.Length);
        for (var t = 0; t < k; t++)
        {
            var grad = p[t] - (t == label ? 1f : 0f);
            model.Bias[t] -= lr * grad;
            foreach (var f in active)
            {
                ref var w = ref model.Weights[f * k + t];
                w -= lr * (grad * scale + l2 * w);
            }
        }
        return -Math.Log(Math.Max(p[label], 1e-12));
    }

    private static void Shuffle(int[] order, SplitMix64 rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
