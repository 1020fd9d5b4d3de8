using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Unseen task: mask inpainting. A gray rectangle hides part of the picture (often part of an object); the target restores it.</summary>
public sealed class InpaintTask : ITaskGenerator
{
    public string Task => EditTasks.Inpaint;

    internal static readonly PhraseBank Bank = new("inpaint",
        ["fill in the gray region", "inpaint the masked area", "restore what is hidden under the gray box", "complete the missing part of the image"],
        ["repair the hole in this picture", "paint in whatever belongs behind the gray patch"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var rng = ctx.Rng;
        var scene = ctx.Sampler.Sample(rng);
        if (scene.Objects.Count == 0) return null;
        // Centre the hole on an object so the model must infer shape, not only background.
        var o = rng.Pick(scene.Objects);
        float w = rng.NextFloat(0.15f, 0.3f), h = rng.NextFloat(0.15f, 0.3f);
        float x0 = Math.Clamp(o.X - w / 2 + rng.NextFloat(-0.05f, 0.05f), 0f, 1f - w);
        float y0 = Math.Clamp(o.Y - h / 2 + rng.NextFloat(-0.05f, 0.05f), 0f, 1f - h);
        float[] hole = [x0, y0, x0 + w, y0 + h];
        return new EditDraft
        {
            Input = scene with { Modality = Modality.Masked, Hole = hole }, Output = scene,
            Phrasing = ctx.Phrase(Bank),
            Claim = new EditClaim { Kind = ClaimKind.Translate, From = Modality.Masked, To = Modality.Image, Region = hole },
            Scope = MaskScope.Region,
        };
    }
}
