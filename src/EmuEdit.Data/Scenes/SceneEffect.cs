namespace EmuEdit.Data.Scenes;

/// <summary>
/// An effect applied to the rendered scene. <see cref="ObjectId"/> names the object for annotations;
/// <see cref="Seed"/> fixes any randomness (snowflakes, raindrops) so the scene re-renders identically.
/// </summary>
public sealed record SceneEffect
{
    public required EffectKind Kind { get; init; }
    public int? ObjectId { get; init; }
    public ulong Seed { get; init; }
}
