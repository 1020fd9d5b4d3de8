using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Which pixels an edit may touch.</summary>
public enum MaskScope
{
    /// <summary>Only the region of the changed objects, texts or background (region-based tasks).</summary>
    Region,
    /// <summary>The whole image (free-form edits and translations).</summary>
    Full,
}

/// <summary>
/// What a task generator proposes before rendering: the input and output scenes, the instruction
/// and its meaning, and which parts of the scene the edit touches (for the mask).
/// </summary>
public sealed record EditDraft
{
    public required Scene Input { get; init; }
    public required Scene Output { get; init; }
    public required Phrasing Phrasing { get; init; }
    public required EditClaim Claim { get; init; }
    public MaskScope Scope { get; init; } = MaskScope.Region;
    public IReadOnlyList<int> ChangedObjects { get; init; } = [];
    public bool ChangesTexts { get; init; }
    public bool ChangesBackground { get; init; }
}
