using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Detect: draw a box (fixed colour) around the named object.</summary>
public sealed class DetectTask : ITaskGenerator
{
    public string Task => EditTasks.Detect;

    internal static readonly PhraseBank Bank = new("detect",
        ["{draw} a box around {obj}", "detect {obj}", "put a bounding box on {obj}", "mark {obj} with a rectangle", "where is {obj}? {draw} a box around it",
         "find {obj} and {draw} a box around it", "show me {obj} with a bounding box",
         "box {obj}", "{draw} a rectangle around {obj}", "highlight {obj} with a box", "put {obj} in a box", "mark where {obj} is with a box",
         "surround {obj} with a bounding box", "show where {obj} is"],
        ["frame {obj} with a rectangle", "locate {obj} and enclose it in a box"],
        new() { ["draw"] = (["draw", "put", "add", "place"], ["trace"]) });

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var scene = ctx.Sampler.Sample(ctx.Rng);
        if (ctx.PickReferent(scene) is not var (target, reference)) return null;
        return new EditDraft
        {
            Input = scene,
            Output = scene.WithEffect(new SceneEffect { Kind = EffectKind.Box, ObjectId = target.Id }),
            Phrasing = ctx.Phrase(Bank, ("obj", reference.Text)),
            Claim = new EditClaim { Kind = ClaimKind.Annotate, Referent = reference, Effect = EffectKind.Box },
            ChangedObjects = [target.Id],
        };
    }
}
