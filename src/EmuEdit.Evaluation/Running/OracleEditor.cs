using EmuEdit.Evaluation.Benchmark;

namespace EmuEdit.Evaluation.Running;

/// <summary>The upper bound: output = the true target. Checks the scoring itself (it must succeed wherever an edit was asked for).</summary>
public sealed class OracleEditor : IBenchmarkEditor
{
    public IReadOnlyList<EditOutcome> Edit(IReadOnlyList<BenchmarkExample> batch) =>
        batch.Select(e => new EditOutcome(e.Target, e.Task)).ToList();
}
