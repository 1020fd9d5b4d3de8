using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Filtering;

/// <summary>
/// Checks that the output scene does exactly what the instruction's claim says to the referred object
/// and nothing else: each check undoes the claimed change on the output and requires the input back.
/// This is the exact counterpart of the paper's detector-based validation (presence for Add, absence
/// for Remove, replacement for Local).
/// </summary>
public static class ConsistencyChecker
{
    /// <summary>Null when consistent, otherwise what is wrong. <paramref name="target"/> is the resolved referent (if the claim has one).</summary>
    public static string? Check(Scene input, Scene output, EditClaim claim, SceneObject? target)
    {
        SceneObject? after = target is null ? null : output.Find(target.Id);
        switch (claim.Kind)
        {
            case ClaimKind.Recolor:
                if (after is null || target is null) return "the referred object is missing from the output";
                if (after.Color != claim.Color || after.Color == target.Color) return $"object is {after.Color}, instruction says {claim.Color}";
                return Restores(input, output.ReplaceObject(after with { Color = target.Color, TextureColor = target.TextureColor }), "recolour");
            case ClaimKind.Reshape:
                if (after is null || target is null) return "the referred object is missing from the output";
                if (after.Kind != claim.Shape || after.Kind == target.Kind) return $"object is a {after.Kind.Word()}, instruction says {claim.Shape}";
                return Restores(input, output.ReplaceObject(after with { Kind = target.Kind, Pose = target.Pose }), "reshape");
            case ClaimKind.Resize:
                if (after is null || target is null) return "the referred object is missing from the output";
                if (after.SizeClass != claim.Size || after.SizeClass == target.SizeClass) return $"object is {after.SizeClass}, instruction says {claim.Size}";
                return Restores(input, output.ReplaceObject(after with { Size = target.Size, X = target.X, Y = target.Y }), "resize");
            case ClaimKind.Retexture:
                if (after is null || target is null) return "the referred object is missing from the output";
                if (after.Texture != claim.Texture || after.TextureColor != claim.TextureColor || after.Texture == target.Texture && after.TextureColor == target.TextureColor)
                    return $"object texture is {after.Texture}, instruction says {claim.Texture}";
                return Restores(input, output.ReplaceObject(after with { Texture = target.Texture, TextureColor = target.TextureColor }), "retexture");
            case ClaimKind.Remove:
                if (target is null) return "no referent";
                if (after is not null) return "the object to remove is still there";
                return Restores(input with { Objects = input.Objects.Where(o => o.Id != target.Id).ToArray() }, output, "remove");
            case ClaimKind.Add:
                return CheckAdd(input, output, claim);
            case ClaimKind.AddAndAnnotate:
                {
                    if (output.Effects.Count == 0 || output.Effects[^1].Kind != claim.Effect) return "the box is missing";
                    var withoutBox = output with { Effects = output.Effects.Take(output.Effects.Count - 1).ToArray() };
                    var problem = CheckAdd(input, withoutBox, claim);
                    if (problem is not null) return problem;
                    var added = withoutBox.Objects[^1];
                    return output.Effects[^1].ObjectId == added.Id ? null : "the box is not around the added object";
                }
            case ClaimKind.Rebackground:
                if (output.Background == input.Background || output.Background != claim.Background) return "the background is not the one the instruction names";
                return Restores(input, output with { Background = input.Background }, "background change");
            case ClaimKind.Effect:
                if (output.Effects.Count != input.Effects.Count + 1 || output.Effects[^1].Kind != claim.Effect)
                    return $"expected effect {claim.Effect} last, found {string.Join(",", output.Effects.Select(e => e.Kind))}";
                return Restores(input, output with { Effects = input.Effects }, "effect");
            case ClaimKind.Annotate:
                if (target is null) return "no referent";
                if (output.Effects.Count != input.Effects.Count + 1 || output.Effects[^1].Kind != claim.Effect) return $"expected a {claim.Effect} annotation";
                if (output.Effects[^1].ObjectId != target.Id) return $"the {claim.Effect} marks object {output.Effects[^1].ObjectId}, the instruction means object {target.Id}";
                return Restores(input, output with { Effects = input.Effects }, "annotation");
            case ClaimKind.TextAdd:
                {
                    var added = output.Texts.Where(t => !input.Texts.Contains(t)).ToList();
                    if (added.Count != 1 || added[0].Text != claim.Text) return $"expected one new text \"{claim.Text}\"";
                    if (claim.Region is { } box && !Regions.Contains(box, added[0].X, added[0].Y)) return "the text is not where the instruction says";
                    return Restores(input, output with { Texts = output.Texts.Where(t => t != added[0]).ToArray() }, "text addition");
                }
            case ClaimKind.TextRemove:
                if (!input.Texts.Any(t => t.Text == claim.Text)) return $"the input has no text \"{claim.Text}\"";
                if (output.Texts.Any(t => t.Text == claim.Text)) return $"the text \"{claim.Text}\" is still there";
                return Restores(input with { Texts = input.Texts.Where(t => t.Text != claim.Text).ToArray() }, output, "text removal");
            case ClaimKind.TextReplace:
                {
                    var old = input.Texts.FirstOrDefault(t => t.Text == claim.Text);
                    if (old is null) return $"the input has no text \"{claim.Text}\"";
                    var now = output.Texts.FirstOrDefault(t => t.X == old.X && t.Y == old.Y);
                    if (now is null || now.Text != claim.NewText) return $"the text does not read \"{claim.NewText}\"";
                    return Restores(input, output with { Texts = output.Texts.Select(t => t == now ? now with { Text = old.Text } : t).ToArray() }, "text replacement");
                }
            case ClaimKind.TextRecolor:
                {
                    var old = input.Texts.FirstOrDefault(t => t.Text == claim.Text);
                    var now = output.Texts.FirstOrDefault(t => t.Text == claim.Text);
                    if (old is null || now is null) return $"the text \"{claim.Text}\" is missing";
                    if (now.Color != claim.Color || now.Color == old.Color) return $"the text is {now.Color}, instruction says {claim.Color}";
                    return Restores(input, output with { Texts = output.Texts.Select(t => t == now ? now with { Color = old.Color } : t).ToArray() }, "text recolour");
                }
            case ClaimKind.Translate:
                if (input.Modality != claim.From || output.Modality != claim.To) return $"expected {claim.From} -> {claim.To}, got {input.Modality} -> {output.Modality}";
                return Restores(input with { Modality = Modality.Image, Hole = null }, output with { Modality = Modality.Image, Hole = null }, "translation");
            default:
                return $"unknown claim {claim.Kind}";
        }
    }

    private static string? CheckAdd(Scene input, Scene output, EditClaim claim)
    {
        var inputIds = input.Objects.Select(o => o.Id).ToHashSet();
        var added = output.Objects.Where(o => !inputIds.Contains(o.Id)).ToList();
        if (added.Count != 1) return $"expected exactly one new object, found {added.Count}";
        var a = added[0];
        if (a.Color != claim.Color || a.Kind != claim.Shape) return $"added a {a.ColorKind()}, instruction says {claim.Color} {claim.Shape}";
        if (claim.Region is { } box && !Regions.Contains(box, a.X, a.Y)) return "the new object is not where the instruction says";
        return Restores(input, output with { Objects = output.Objects.Where(o => o.Id != a.Id).ToArray() }, "addition");
    }

    private static string? Restores(Scene expected, Scene undone, string what) =>
        SceneJson.Serialize(expected) == SceneJson.Serialize(undone) ? null : $"the {what} changed more than the instruction says";
}
