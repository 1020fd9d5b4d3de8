using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Instructions;

/// <summary>What kind of change an instruction asserts.</summary>
public enum ClaimKind
{
    Recolor,
    Reshape,
    Resize,
    Remove,
    Add,
    Retexture,
    Rebackground,
    Effect,
    Annotate,
    TextAdd,
    TextRemove,
    TextReplace,
    TextRecolor,
    Translate,
    AddAndAnnotate,
}

/// <summary>
/// The meaning of an instruction, as structured data: the consistency checker compares it with the
/// input and output scenes (the paper's detector-based validation, done exactly since scenes are known).
/// </summary>
public sealed record EditClaim
{
    public required ClaimKind Kind { get; init; }
    public ReferringExpression? Referent { get; init; }
    public string? Color { get; init; }
    public ShapeKind? Shape { get; init; }
    public SizeClass? Size { get; init; }
    public TextureKind? Texture { get; init; }
    public string? TextureColor { get; init; }
    /// <summary>Where an added object must be, as (x0, y0, x1, y1) fractions.</summary>
    public float[]? Region { get; init; }
    public BackgroundSpec? Background { get; init; }
    public EffectKind? Effect { get; init; }
    public string? Text { get; init; }
    public string? NewText { get; init; }
    /// <summary>For translations: the modality of the input.</summary>
    public Modality? From { get; init; }
    /// <summary>For translations: the modality of the output.</summary>
    public Modality? To { get; init; }
}
