namespace EmuEdit.Data.Scenes;

public static class SceneObjectExtensions
{
    /// <summary>Value equality including the pose array (records compare arrays by reference).</summary>
    public static bool SameAs(this SceneObject a, SceneObject b) =>
        a with { Pose = [] } == b with { Pose = [] } && a.Pose.AsSpan().SequenceEqual(b.Pose);

    /// <summary>"red circle", "person in red": colour and kind, the core of captions and references.</summary>
    public static string ColorKind(this SceneObject o) => ColorKind(o.Color, o.Kind);

    public static string ColorKind(string color, ShapeKind kind) =>
        kind.ColourAfterNoun() ? $"{kind.Word()} in {color}" : $"{color} {kind.Word()}";
}
