using EmuEdit.Data.Randomness;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Instructions;

/// <summary>Builds the referring expressions that identify one object, in varied wordings.</summary>
public static class ReferringExpressions
{
    private static readonly string[] GenericNouns = ["shape", "object", "one", "thing"];

    /// <summary>All candidate expressions for <paramref name="target"/> (ambiguous ones included; the caller resolves).</summary>
    public static IEnumerable<ReferringExpression> Candidates(SceneObject target, Rng rng)
    {
        string kind = target.Kind.Word(), color = target.Color;
        string colorKind = target.ColorKind();
        string generic = rng.Pick(GenericNouns);
        yield return new() { Text = $"the {colorKind}", Color = color, Kind = target.Kind };
        yield return new() { Text = $"the {kind}", Kind = target.Kind };
        yield return new() { Text = $"the {color} {generic}", Color = color };
        if (target.Texture != TextureKind.Solid)
        {
            yield return new() { Text = $"the {target.Texture.Adjective()} {kind}", Kind = target.Kind, Texture = target.Texture };
            yield return new() { Text = $"the {kind} with {target.Texture.Noun()}", Kind = target.Kind, Texture = target.Texture };
        }
        foreach (var sup in new[] { Superlative.Leftmost, Superlative.Rightmost, Superlative.Topmost, Superlative.Bottommost, Superlative.Biggest, Superlative.Smallest })
        {
            yield return new() { Text = WithSuperlative(kind, sup, rng), Kind = target.Kind, Superlative = sup };
            yield return new() { Text = WithSuperlative(generic, sup, rng), Superlative = sup };
            yield return new() { Text = WithSuperlative(colorKind, sup, rng), Color = color, Kind = target.Kind, Superlative = sup };
        }
    }

    private static string WithSuperlative(string noun, Superlative s, Rng rng)
    {
        bool prefix = rng.Chance(0.5);
        return s switch
        {
            Superlative.Leftmost => prefix ? $"the leftmost {noun}" : $"the {noun} on the left",
            Superlative.Rightmost => prefix ? $"the rightmost {noun}" : $"the {noun} on the right",
            Superlative.Topmost => prefix ? $"the topmost {noun}" : $"the {noun} at the top",
            Superlative.Bottommost => prefix ? $"the lowest {noun}" : $"the {noun} at the bottom",
            Superlative.Biggest => prefix ? $"the biggest {noun}" : $"the largest {noun}",
            _ => prefix ? $"the smallest {noun}" : $"the tiniest {noun}",
        };
    }

    /// <summary>A random expression that identifies <paramref name="target"/> uniquely in <paramref name="scene"/>, or null when none does.</summary>
    public static ReferringExpression? Pick(Scene scene, SceneObject target, Rng rng, ReferenceOptions? options = null)
    {
        var valid = Candidates(target, rng).Where(e => e.Identifies(scene, target, options)).ToList();
        if (valid.Count == 0) return null;
        // Prefer plain colour-and-kind references half the time: they are the most common in real instructions.
        if (valid[0].Superlative == Superlative.None && valid[0].Color is not null && valid[0].Kind is not null && rng.Chance(0.35))
            return valid[0];
        return rng.Pick(valid);
    }
}
