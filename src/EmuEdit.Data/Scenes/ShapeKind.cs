namespace EmuEdit.Data.Scenes;

/// <summary>The object kinds a scene can hold. Names (lower case) are the words instructions use.</summary>
public enum ShapeKind
{
    Circle,
    Square,
    Triangle,
    Star,
    Heart,
    Cross,
    Ring,
    Diamond,
    Hexagon,
    House,
    Tree,
    Moon,
    Person,
}

public static class ShapeKinds
{
    public static IReadOnlyList<ShapeKind> All { get; } = Enum.GetValues<ShapeKind>();

    public static string Word(this ShapeKind kind) => kind.ToString().ToLowerInvariant();

    public static string Plural(this ShapeKind kind) => kind switch
    {
        ShapeKind.Cross => "crosses",
        ShapeKind.Person => "people",
        _ => kind.Word() + "s",
    };

    /// <summary>Scenes, not single words: "the red person" reads badly, so colour goes after ("the person in red").</summary>
    public static bool ColourAfterNoun(this ShapeKind kind) => kind == ShapeKind.Person;
}
