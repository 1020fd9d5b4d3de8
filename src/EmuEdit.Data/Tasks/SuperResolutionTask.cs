using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Unseen task: super-resolution x4 (input downsampled by 4 and upsampled back).</summary>
public sealed class SuperResolutionTask : ITaskGenerator
{
    public string Task => EditTasks.SuperResolution;

    internal static readonly PhraseBank Bank = new("superres",
        ["upscale this image 4x", "increase the resolution", "make this blurry low-resolution image sharp", "super-resolve the picture by four", "restore the fine detail of this low-res image"],
        ["enhance! recover the missing pixels", "turn this low-res thumbnail into a crisp image"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var scene = ctx.Sampler.Sample(ctx.Rng);
        return new EditDraft
        {
            Input = scene with { Modality = Modality.LowRes }, Output = scene,
            Phrasing = ctx.Phrase(Bank),
            Claim = new EditClaim { Kind = ClaimKind.Translate, From = Modality.LowRes, To = Modality.Image },
            Scope = MaskScope.Full,
        };
    }
}
