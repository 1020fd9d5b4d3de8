using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Local: change one object's colour, kind or size.</summary>
public sealed class LocalTask : ITaskGenerator
{
    public string Task => EditTasks.Local;

    internal static readonly PhraseBank Recolor = new("local.color",
        ["{make} {obj} {color}", "change the colour of {obj} to {color}", "{obj} should be {color}", "{turn} {obj} {color}",
         "can you {make} {obj} {color}?", "please {make} {obj} {color}", "give {obj} a {color} colour", "set the colour of {obj} to {color}",
         "i want {obj} to be {color}", "could you {make} {obj} {color}", "let {obj} be {color}", "{obj} needs to be {color}",
         "paint {obj} in {color} instead", "switch the colour of {obj} to {color}", "{obj} in {color}, please", "give {obj} a {color} finish"],
        ["recolor {obj} in {color}", "i'd love {obj} to appear {color}", "dye {obj} {color}"],
        new() { ["make"] = (["make", "paint", "colour"], ["tint"]), ["turn"] = (["turn", "change", "switch"], ["shift"]) });

    internal static readonly PhraseBank Reshape = new("local.shape",
        ["{turn} {obj} into a {kind}", "replace {obj} with a {kind}", "make {obj} a {kind}", "{obj} should be a {kind}",
         "change {obj} into a {kind}", "swap {obj} for a {kind}", "please {turn} {obj} into a {kind}",
         "i want a {kind} instead of {obj}", "put a {kind} where {obj} is", "exchange {obj} for a {kind}", "{obj} should {turn} into a {kind}",
         "substitute a {kind} for {obj}", "make a {kind} out of {obj}", "could you {turn} {obj} into a {kind}"],
        ["morph {obj} into a {kind}", "let {obj} become a {kind}"],
        new() { ["turn"] = (["turn", "change"], ["transform", "convert"]) });

    internal static readonly PhraseBank Resize = new("local.size",
        ["make {obj} {bigger}", "resize {obj} so it is {bigger}", "{obj} should be {bigger}", "can you make {obj} {bigger}?",
         "change the size of {obj} so it is {bigger}", "please make {obj} a lot {bigger}",
         "{obj} needs to be {bigger}", "i'd like {obj} to be {bigger}", "adjust the size of {obj} so it looks {bigger}", "draw {obj} {bigger}",
         "show {obj} somewhat {bigger}", "could you make {obj} {bigger}"],
        ["rescale {obj} to be {bigger}", "i want {obj} {bigger} than it is"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Recolor, Reshape, Resize];

    public EditDraft? Draft(TaskContext ctx)
    {
        var rng = ctx.Rng;
        var scene = ctx.Sampler.Sample(rng);
        if (ctx.PickReferent(scene) is not var (target, reference)) return null;
        SceneObject changed;
        EditClaim claim;
        Phrasing phrasing;
        switch (rng.NextInt(3))
        {
            case 0:
                {
                    var colors = SceneSampler.ObjectColors(scene).Where(c => c != target.Color).ToArray();
                    string color = rng.Pick(colors);
                    changed = target with { Color = color, TextureColor = target.TextureColor == color ? SceneSampler.PatternColor(rng, color) : target.TextureColor };
                    claim = new EditClaim { Kind = ClaimKind.Recolor, Referent = reference, Color = color };
                    phrasing = ctx.Phrase(Recolor, ("obj", reference.Text), ("color", color));
                    break;
                }
            case 1:
                {
                    var kinds = ShapeKinds.All.Where(k => k != target.Kind && k != ShapeKind.Person).ToArray();
                    var kind = rng.Pick(kinds);
                    changed = target with { Kind = kind, Pose = [] };
                    claim = new EditClaim { Kind = ClaimKind.Reshape, Referent = reference, Shape = kind };
                    phrasing = ctx.Phrase(Reshape, ("obj", reference.Text), ("kind", kind.Word()));
                    break;
                }
            default:
                {
                    var now = target.SizeClass;
                    var to = now == SizeClass.Big ? SizeClass.Small : now == SizeClass.Small ? SizeClass.Big : rng.Chance(0.5) ? SizeClass.Big : SizeClass.Small;
                    float size = SceneSampler.RandomSize(rng, to);
                    float margin = size + 0.02f;
                    changed = target with
                    {
                        Size = size,
                        X = Math.Clamp(target.X, margin, 1 - margin),
                        Y = Math.Clamp(target.Y, margin, 1 - margin),
                    };
                    bool bigger = to > now;
                    string word = bigger ? rng.Pick(["bigger", "larger"]) : rng.Pick(["smaller", "tinier"]);
                    claim = new EditClaim { Kind = ClaimKind.Resize, Referent = reference, Size = to };
                    phrasing = ctx.Phrase(Resize, ("obj", reference.Text), ("bigger", word));
                    break;
                }
        }
        return new EditDraft
        {
            Input = scene, Output = scene.ReplaceObject(changed), Phrasing = phrasing, Claim = claim,
            ChangedObjects = [target.Id],
        };
    }
}
