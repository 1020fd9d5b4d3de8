using EmuEdit.Evaluation.Benchmark;

namespace EmuEdit.Evaluation.Running;

/// <summary>The do-nothing baseline: output = input. Perfect outside the mask, no edit inside it, L1 0.</summary>
public sealed class IdentityEditor : IBenchmarkEditor
{
    public IReadOnlyList<EditOutcome> Edit(IReadOnlyList<BenchmarkExample> batch) =>
        batch.Select(e => new EditOutcome(e.Input)).ToList();
}
