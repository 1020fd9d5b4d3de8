using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Instructions;

/// <summary>
/// A phrase that picks out one object ("the red circle", "the shape on the left", "the biggest one"),
/// kept with its meaning (filters plus an optional superlative) so a checker can resolve it against a
/// scene and reject it when it matches no object or several.
/// </summary>
public sealed record ReferringExpression
{
    public required string Text { get; init; }
    public string? Color { get; init; }
    public ShapeKind? Kind { get; init; }
    public TextureKind? Texture { get; init; }
    public Superlative Superlative { get; init; }

    /// <summary>Objects this expression could mean in <paramref name="scene"/>; exactly one when it is unambiguous.</summary>
    public IReadOnlyList<SceneObject> Resolve(Scene scene, ReferenceOptions? options = null)
    {
        options ??= new ReferenceOptions();
        var matches = scene.Objects.Where(o =>
            (Color is null || o.Color == Color) && (Kind is null || o.Kind == Kind) && (Texture is null || o.Texture == Texture)).ToList();
        if (Superlative == Superlative.None || matches.Count == 0) return matches;
        if (Superlative is Superlative.Biggest or Superlative.Smallest && matches.Count < 2) return [];

        Func<SceneObject, float> key = Superlative switch
        {
            Superlative.Leftmost => o => o.X,
            Superlative.Rightmost => o => -o.X,
            Superlative.Topmost => o => o.Y,
            Superlative.Bottommost => o => -o.Y,
            Superlative.Biggest => o => -o.Size,
            _ => o => o.Size,
        };
        var ordered = matches.OrderBy(key).ToList();
        var best = ordered[0];
        bool onSide = Superlative switch
        {
            Superlative.Leftmost => best.X < 0.45f,
            Superlative.Rightmost => best.X > 0.55f,
            Superlative.Topmost => best.Y < 0.45f,
            Superlative.Bottommost => best.Y > 0.55f,
            _ => true,
        };
        if (!onSide) return [];
        if (ordered.Count == 1) return ordered;
        var second = ordered[1];
        bool clear = Superlative switch
        {
            Superlative.Biggest => best.Size >= options.SizeRatio * second.Size,
            Superlative.Smallest => second.Size >= options.SizeRatio * best.Size,
            _ => key(second) - key(best) >= options.PositionMargin,
        };
        return clear ? [best] : ordered.Where(o => key(o) - key(best) < options.PositionMargin || Superlative is Superlative.Biggest or Superlative.Smallest).ToList();
    }

    public bool Identifies(Scene scene, SceneObject target, ReferenceOptions? options = null)
    {
        var r = Resolve(scene, options);
        return r.Count == 1 && r[0].Id == target.Id;
    }
}
