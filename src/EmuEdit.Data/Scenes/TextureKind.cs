namespace EmuEdit.Data.Scenes;

/// <summary>Surface patterns on objects (and pattern backgrounds).</summary>
public enum TextureKind
{
    Solid,
    Stripes,
    Dots,
    Checker,
    Grid,
}

public static class TextureKinds
{
    public static IReadOnlyList<TextureKind> Patterned { get; } = [TextureKind.Stripes, TextureKind.Dots, TextureKind.Checker, TextureKind.Grid];

    /// <summary>Adjective ("striped"), used in captions and referring expressions.</summary>
    public static string Adjective(this TextureKind t) => t switch
    {
        TextureKind.Stripes => "striped",
        TextureKind.Dots => "dotted",
        TextureKind.Checker => "checkered",
        TextureKind.Grid => "grid-patterned",
        _ => "plain",
    };

    /// <summary>Noun phrase ("stripes"), as in "a red star with white stripes".</summary>
    public static string Noun(this TextureKind t) => t switch
    {
        TextureKind.Stripes => "stripes",
        TextureKind.Dots => "dots",
        TextureKind.Checker => "checks",
        TextureKind.Grid => "grid lines",
        _ => "no pattern",
    };
}
