using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Unseen task: object contour detection (output: white object contours on black).</summary>
public sealed class ContourTask : ITaskGenerator
{
    public string Task => EditTasks.Contour;

    internal static readonly PhraseBank Bank = new("contour",
        ["detect the contours of the objects", "draw the outlines of every object", "show only the object contours", "extract the object edges as white lines on black"],
        ["trace the silhouette of each shape", "give me an outline map of the objects"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var scene = ctx.Sampler.Sample(ctx.Rng);
        if (scene.Objects.Count == 0) return null;
        return new EditDraft
        {
            Input = scene, Output = scene with { Modality = Modality.Contour },
            Phrasing = ctx.Phrase(Bank),
            Claim = new EditClaim { Kind = ClaimKind.Translate, From = Modality.Image, To = Modality.Contour },
            Scope = MaskScope.Full,
        };
    }
}
