namespace EmuEdit.Data.Scenes;

/// <summary>
/// One object. Coordinates are fractions of the image side (so a scene renders at any size): (X, Y) is
/// the centre, Size the half-extent. Objects later in <see cref="Scene.Objects"/> are nearer and occlude
/// earlier ones.
/// </summary>
public sealed record SceneObject
{
    public required int Id { get; init; }
    public required ShapeKind Kind { get; init; }
    public required string Color { get; init; }
    public TextureKind Texture { get; init; } = TextureKind.Solid;
    /// <summary>Colour of the pattern when <see cref="Texture"/> is not solid.</summary>
    public string? TextureColor { get; init; }
    public required float X { get; init; }
    public required float Y { get; init; }
    public required float Size { get; init; }
    /// <summary>Limb angles in radians for <see cref="ShapeKind.Person"/> (left arm, right arm, left leg, right leg); empty otherwise.</summary>
    public float[] Pose { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public SizeClass SizeClass => SizeClasses.Of(Size);
}
