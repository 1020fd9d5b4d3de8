using EmuEdit.Data.Instructions;

namespace EmuEdit.Data.Tasks;

/// <summary>Remove: erase one object (what was behind it shows through).</summary>
public sealed class RemoveTask : ITaskGenerator
{
    public string Task => EditTasks.Remove;

    internal static readonly PhraseBank Bank = new("remove",
        ["{remove} {obj}", "please {remove} {obj}", "{remove} {obj} from the picture", "can you {remove} {obj}?", "{obj} has to go",
         "{remove} {obj} from the image", "{remove} {obj} and leave the rest", "i don't want {obj} in the picture",
         "make {obj} disappear", "{obj} should disappear", "{obj} needs to go", "show the picture without {obj}", "without {obj}, please",
         "could you {remove} {obj}", "the picture is better without {obj}", "{remove} {obj}, nothing else"],
        ["make {obj} vanish", "{remove} {obj} completely", "clear away {obj}"],
        new() { ["remove"] = (["remove", "delete", "erase", "take out", "get rid of", "discard", "omit", "throw out"], ["eliminate", "wipe out"]) });

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var scene = ctx.Sampler.Sample(ctx.Rng);
        if (ctx.PickReferent(scene) is not var (target, reference)) return null;
        return new EditDraft
        {
            Input = scene,
            Output = scene with { Objects = scene.Objects.Where(o => o.Id != target.Id).ToArray() },
            Phrasing = ctx.Phrase(Bank, ("obj", reference.Text)),
            Claim = new EditClaim { Kind = ClaimKind.Remove, Referent = reference },
            ChangedObjects = [target.Id],
        };
    }
}
