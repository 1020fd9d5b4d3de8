namespace EmuEdit.Data.Scenes;

public static class SceneObjectExtensions
{
    /// <summary>"red circle", "person in red": colour and kind, the core of captions and references.</summary>
    public static string ColorKind(this SceneObject o) => ColorKind(o.Color, o.Kind);

    public static string ColorKind(string color, ShapeKind kind) =>
        kind.ColourAfterNoun() ? $"{kind.Word()} in {color}" : $"{color} {kind.Word()}";
}
