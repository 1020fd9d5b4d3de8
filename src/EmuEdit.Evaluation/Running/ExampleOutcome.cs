using EmuEdit.Evaluation.Benchmark;

namespace EmuEdit.Evaluation.Running;

/// <summary>One example of one run: the example, what the editor made, and its scores.</summary>
public sealed record ExampleOutcome(BenchmarkExample Example, EditOutcome Outcome, ExampleResult Result);
