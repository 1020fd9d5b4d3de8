namespace EmuEdit.Data.Scenes;

/// <summary>
/// A complete, serialisable description of one picture: rendering it always gives the same pixels.
/// </summary>
public sealed record Scene
{
    public int Width { get; init; } = 64;
    public int Height { get; init; } = 64;
    public required BackgroundSpec Background { get; init; }
    public IReadOnlyList<SceneObject> Objects { get; init; } = [];
    public IReadOnlyList<SceneText> Texts { get; init; } = [];
    public IReadOnlyList<SceneEffect> Effects { get; init; } = [];
    public Modality Modality { get; init; } = Modality.Image;
    /// <summary>For <see cref="Modality.Masked"/>: the hole as (x0, y0, x1, y1) fractions of the image side.</summary>
    public float[]? Hole { get; init; }

    public SceneObject? Find(int id)
    {
        foreach (var o in Objects)
            if (o.Id == id) return o;
        return null;
    }

    public int NextId() => Objects.Count == 0 ? 1 : Objects.Max(o => o.Id) + 1;

    public Scene ReplaceObject(SceneObject updated) =>
        this with { Objects = Objects.Select(o => o.Id == updated.Id ? updated : o).ToArray() };

    public Scene WithEffect(SceneEffect effect) => this with { Effects = [.. Effects, effect] };
}
