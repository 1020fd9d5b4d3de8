using EmuEdit.Evaluation.Benchmark;

namespace EmuEdit.Evaluation.Running;

/// <summary>
/// Anything the evaluator can score: the model behind the served pipeline, or a baseline. It gets a
/// batch of examples (so a model can batch its sampling) and returns one outcome per example, in order.
/// </summary>
public interface IBenchmarkEditor
{
    /// <summary>Edits every example of <paramref name="batch"/>; outputs have the input's size, values in [0, 1].</summary>
    IReadOnlyList<EditOutcome> Edit(IReadOnlyList<BenchmarkExample> batch);
}
