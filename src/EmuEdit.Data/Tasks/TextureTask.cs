using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Texture: cover an object with a pattern (or strip its pattern) without changing its shape.</summary>
public sealed class TextureTask : ITaskGenerator
{
    public string Task => EditTasks.Texture;

    internal static readonly PhraseBank Cover = new("texture.cover",
        ["{cover} {obj} with {tcolor} {pattern}", "give {obj} {tcolor} {pattern}", "make {obj} {adj} with {tcolor}",
         "add {tcolor} {pattern} to {obj}", "{obj} should have {tcolor} {pattern}", "please {cover} {obj} with {tcolor} {pattern}",
         "apply {tcolor} {pattern} to {obj}", "i want {tcolor} {pattern} on {obj}", "dress {obj} in {tcolor} {pattern}",
         "texture {obj} with {tcolor} {pattern}", "give {obj} a pattern of {tcolor} {pattern}", "could you {cover} {obj} with {tcolor} {pattern}"],
        ["decorate {obj} with {tcolor} {pattern}", "put {tcolor} {pattern} all over {obj}"],
        new() { ["cover"] = (["cover", "fill", "paint", "coat", "pattern"], ["stencil"]) });

    internal static readonly PhraseBank Plain = new("texture.plain",
        ["make {obj} plain", "remove the pattern from {obj}", "{obj} should be a plain {color}", "paint over the {pattern} on {obj}",
         "{obj} without its {pattern}, please", "make {obj} one solid colour", "get rid of the {pattern} on {obj}", "{obj} should have no pattern",
         "fill {obj} with plain {color}", "i want {obj} to be plain"],
        ["strip the {pattern} off {obj}", "give {obj} a uniform look"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Cover, Plain];

    public EditDraft? Draft(TaskContext ctx)
    {
        var rng = ctx.Rng;
        var scene = ctx.Sampler.Sample(rng);
        // People wear no patterns here (their limbs are too thin to show one), and on small objects a
        // pattern covers too few pixels to see.
        if (ctx.PickReferent(scene, o => o.Kind != ShapeKind.Person && o.SizeClass != SizeClass.Small) is not var (target, reference)) return null;
        SceneObject changed;
        Phrasing phrasing;
        if (target.Texture != TextureKind.Solid && rng.Chance(0.4))
        {
            changed = target with { Texture = TextureKind.Solid, TextureColor = null };
            phrasing = ctx.Phrase(Plain, ("obj", reference.Text), ("color", target.Color), ("pattern", target.Texture.Noun()));
        }
        else
        {
            var texture = rng.Pick(TextureKinds.Patterned.Where(t => t != target.Texture).ToArray());
            string tcolor = SceneSampler.PatternColor(rng, target.Color);
            changed = target with { Texture = texture, TextureColor = tcolor };
            phrasing = ctx.Phrase(Cover, ("obj", reference.Text), ("tcolor", tcolor), ("pattern", texture.Noun()), ("adj", texture.Adjective()));
        }
        return new EditDraft
        {
            Input = scene, Output = scene.ReplaceObject(changed), Phrasing = phrasing,
            Claim = new EditClaim { Kind = ClaimKind.Retexture, Referent = reference, Texture = changed.Texture, TextureColor = changed.TextureColor },
            ChangedObjects = [target.Id],
        };
    }
}
