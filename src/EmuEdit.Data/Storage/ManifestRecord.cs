using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Storage;

/// <summary>
/// One line of a manifest, paths already resolved against the manifest's folder. Synthetic manifests
/// fill the optional fields too; a user's real dataset needs only input, output, instruction and task.
/// </summary>
public sealed record ManifestRecord
{
    public required int LineNumber { get; init; }
    public required string InputPath { get; init; }
    public required string OutputPath { get; init; }
    public required string Instruction { get; init; }
    public required string Task { get; init; }
    public string? InputCaption { get; init; }
    public string? OutputCaption { get; init; }
    public string? MaskPath { get; init; }
    public string? Id { get; init; }
    public string? Split { get; init; }
    public long? Seed { get; init; }
    public string? Category { get; init; }
    public bool? HeldOutPhrasing { get; init; }
    public Scene? InputScene { get; init; }
    public Scene? OutputScene { get; init; }

    /// <summary>Task-embedding row, -1 for unseen tasks.</summary>
    public int TaskIndex => Tasks.EditTasks.IndexOf(Task);

    public RgbImage LoadInput() => RgbImage.LoadPng(InputPath);
    public RgbImage LoadOutput() => RgbImage.LoadPng(OutputPath);
    public GrayImage? LoadMask() => MaskPath is null ? null : GrayImage.LoadPng(MaskPath);
}
