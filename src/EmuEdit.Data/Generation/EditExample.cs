using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Generation;

/// <summary>
/// One training or evaluation example (the paper's (c_I, c_T, x, i) plus what evaluation needs):
/// input image, instruction, target image, task, edit mask, captions, and the scenes behind them.
/// Images are 8-bit exact (multiples of 1/255), so the in-memory example equals the one on disk.
/// </summary>
public sealed record EditExample
{
    public required string Task { get; init; }
    /// <summary>Row of the task embedding (index in <see cref="Tasks.EditTasks.Trained"/>), -1 for unseen tasks.</summary>
    public int TaskIndex => Tasks.EditTasks.IndexOf(Task);
    public required Split Split { get; init; }
    public required long Seed { get; init; }
    /// <summary>Which sub-seed passed the filters (earlier ones were rejected).</summary>
    public required int Attempt { get; init; }
    public required string Instruction { get; init; }
    public required string PhrasingId { get; init; }
    public required bool HeldOutPhrasing { get; init; }
    public required RgbImage Input { get; init; }
    public required RgbImage Target { get; init; }
    /// <summary>Where the edit may change pixels (1 = fully, 0 = never: the target equals the input there).</summary>
    public required GrayImage Mask { get; init; }
    public required string InputCaption { get; init; }
    public required string OutputCaption { get; init; }
    public required Scene InputScene { get; init; }
    public required Scene OutputScene { get; init; }
    public string? BenchmarkCategory => Tasks.EditTasks.BenchmarkCategory(Task);

    /// <summary>A stable name for files: task, split and seed.</summary>
    public string Id => $"{Task}-{Split.ToString().ToLowerInvariant()}-{Seed}";
}
