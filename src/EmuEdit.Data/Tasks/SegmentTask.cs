using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Segment: mark the named object's visible pixels with a fixed overlay colour.</summary>
public sealed class SegmentTask : ITaskGenerator
{
    public string Task => EditTasks.Segment;

    internal static readonly PhraseBank Bank = new("segment",
        ["segment {obj}", "{mark} the pixels of {obj}", "highlight {obj}", "select {obj}", "{mark} {obj} with a mask", "show the segmentation of {obj}",
         "can you segment {obj}?",
         "mask {obj}", "{mark} the region of {obj}", "give me a mask of {obj}", "colour the pixels of {obj}", "segment out {obj}",
         "show the mask of {obj}", "separate {obj} from the background with a mask"],
        ["isolate {obj} with a coloured mask", "cut out {obj} as a mask"],
        new() { ["mark"] = (["mark", "shade", "colour in"], ["paint over"]) });

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var scene = ctx.Sampler.Sample(ctx.Rng);
        if (ctx.PickReferent(scene) is not var (target, reference)) return null;
        return new EditDraft
        {
            Input = scene,
            Output = scene.WithEffect(new SceneEffect { Kind = EffectKind.Overlay, ObjectId = target.Id }),
            Phrasing = ctx.Phrase(Bank, ("obj", reference.Text)),
            Claim = new EditClaim { Kind = ClaimKind.Annotate, Referent = reference, Effect = EffectKind.Overlay },
            ChangedObjects = [target.Id],
        };
    }
}
