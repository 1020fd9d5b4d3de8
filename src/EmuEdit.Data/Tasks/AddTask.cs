using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Add: insert a new object of a named colour and kind at a named place.</summary>
public sealed class AddTask : ITaskGenerator
{
    public string Task => EditTasks.Add;

    internal static readonly PhraseBank Bank = new("add",
        ["{add} {thing} {where}", "{where}, {add} {thing}", "please {add} {thing} {where}", "can you {add} {thing} {where}?",
         "there should be {thing} {where}", "{add} {thing} {where} of the picture", "i'd like {thing} {where}",
         "i want {thing} {where}", "could you {add} {thing} {where}", "introduce {thing} {where}", "let there be {thing} {where}",
         "give the picture {thing} {where}", "{where}, there should be {thing}", "the scene needs {thing} {where}", "{add} one more object, {thing}, {where}"],
        ["sneak {thing} into the scene {where}", "{add} {thing} {where}, please"],
        new() { ["add"] = (["add", "put", "place", "draw", "insert", "paste", "set"], ["drop in", "include"]) });

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx) => Plan(ctx, Bank, out _);

    /// <summary>Shared with add+detect: the added object comes back through <paramref name="added"/>.</summary>
    internal static EditDraft? Plan(TaskContext ctx, PhraseBank bank, out SceneObject? added)
    {
        added = null;
        var rng = ctx.Rng;
        var scene = ctx.Sampler.Sample(rng, rng.NextInt(0, ctx.Sampler.Options.MaxObjects));
        var (where, box) = Regions.Pick(rng);
        var kind = rng.Pick(ShapeKinds.All);
        var color = rng.Pick(SceneSampler.ObjectColors(scene));
        var region = (box[0], box[1], box[2], box[3]);
        // New objects go in front and apart from the others, so they are fully visible; when the named
        // region is crowded a smaller object may still fit there.
        float size = 0, x = 0, y = 0;
        bool placed = false;
        foreach (var sizeClass in rng.Chance(0.5) ? new[] { SizeClass.Big, SizeClass.Medium, SizeClass.Small } : [SizeClass.Medium, SizeClass.Small])
        {
            size = SceneSampler.RandomSize(rng, sizeClass);
            if (ctx.Sampler.Place(rng, scene, size, region, allowOverlap: false) is var (px, py))
            {
                (x, y, placed) = (px, py, true);
                break;
            }
        }
        if (!placed) return null;
        added = new SceneObject
        {
            Id = scene.NextId(), Kind = kind, Color = color, X = x, Y = y, Size = size,
            Pose = kind == ShapeKind.Person ? SceneSampler.RandomPose(rng) : [],
        };
        var output = scene with { Objects = [.. scene.Objects, added] };
        string thing = Captioner.Article(added.ColorKind());
        return new EditDraft
        {
            Input = scene, Output = output,
            Phrasing = ctx.Phrase(bank, ("thing", thing), ("where", where)),
            Claim = new EditClaim { Kind = ClaimKind.Add, Color = color, Shape = kind, Region = box },
            ChangedObjects = [added.Id],
        };
    }
}
