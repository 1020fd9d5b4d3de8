using System.Diagnostics;
using EmuEdit.Evaluation.Benchmark;

namespace EmuEdit.Evaluation.Running;

/// <summary>
/// Runs an editor over benchmark examples and scores each output against its ground truth
/// (<see cref="EditScorer"/>) and with whichever encoders were supplied (<see cref="EmbeddingScorer"/>).
/// </summary>
public sealed class BenchmarkEvaluator(EditScorer scorer, EmbeddingScorer embeddings, EvaluationRunOptions? options = null)
{
    private readonly EvaluationRunOptions _options = Validated(options ?? new EvaluationRunOptions());

    /// <param name="progress">Called after each batch with (examples done, total).</param>
    public EditorRun Run(string name, IBenchmarkEditor editor, IReadOnlyList<BenchmarkExample> examples,
        Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(examples);
        var clock = Stopwatch.StartNew();
        var outcomes = new List<ExampleOutcome>(examples.Count);
        foreach (var batch in examples.Chunk(_options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var edits = editor.Edit(batch);
            if (edits.Count != batch.Length)
                throw new InvalidOperationException($"Editor '{name}' returned {edits.Count} outputs for {batch.Length} examples.");
            for (var i = 0; i < batch.Length; i++) outcomes.Add(Score(batch[i], edits[i]));
            progress?.Invoke(outcomes.Count, examples.Count);
        }
        return new EditorRun(name, outcomes, clock.Elapsed);
    }

    public ExampleOutcome Score(BenchmarkExample example, EditOutcome outcome)
    {
        var output = outcome.Output;
        if (output.Width != example.Input.Width || output.Height != example.Input.Height)
            throw new InvalidOperationException(
                $"Example {example.Id}: output is {output.Width}x{output.Height}, input {example.Input.Width}x{example.Input.Height}.");
        var edit = scorer.Score(example.Input, output, example.Target, example.Mask);
        var emb = embeddings.Score(example.Input, output, example.Target, example.InputCaption, example.OutputCaption);
        return new ExampleOutcome(example, outcome, new ExampleResult(example.Task, example.Category, edit, emb));
    }

    private static EvaluationRunOptions Validated(EvaluationRunOptions options)
    {
        options.Validate();
        return options;
    }
}
