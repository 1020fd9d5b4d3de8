namespace EmuEdit.Data.Scenes;

/// <summary>A short string drawn with the bitmap font. (X, Y) is the top-left corner as fractions of the image side.</summary>
public sealed record SceneText
{
    public required string Text { get; init; }
    public required string Color { get; init; }
    public required float X { get; init; }
    public required float Y { get; init; }
    /// <summary>Font pixel size in pixels of a 64-pixel image; it scales with the image.</summary>
    public int Scale { get; init; } = 1;
}
