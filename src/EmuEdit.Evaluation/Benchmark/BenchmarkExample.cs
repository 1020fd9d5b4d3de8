namespace EmuEdit.Evaluation.Benchmark;

/// <summary>
/// One benchmark edit with its ground truth, already decoded: input, instruction, true target and edit
/// mask (a full mask when the manifest has none), task and captions.
/// </summary>
public sealed record BenchmarkExample
{
    public required string Id { get; init; }
    public required string Task { get; init; }
    public string? Category { get; init; }
    public required string Instruction { get; init; }
    public string InputCaption { get; init; } = "";
    public string OutputCaption { get; init; } = "";
    public required PlanarImage Input { get; init; }
    public required PlanarImage Target { get; init; }
    public required EditMask Mask { get; init; }

    /// <summary>The input's image file, for editors that take files (the served pipeline takes PNG bytes).</summary>
    public string? InputPath { get; init; }

    /// <summary>True for the few-shot tasks (superres, contour, inpaint, add_detect), which have no task-table row.</summary>
    public required bool IsUnseen { get; init; }
}
