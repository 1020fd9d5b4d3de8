using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Shared shape of the free-form tasks (global, style, colour): one whole-image effect per edit.</summary>
internal static class EffectEdits
{
    public static EditDraft Draft(TaskContext ctx, IReadOnlyList<(EffectKind Effect, PhraseBank Bank)> table, Scene? scene = null)
    {
        var rng = ctx.Rng;
        scene ??= ctx.Sampler.Sample(rng);
        var (effect, bank) = rng.Pick(table);
        var output = scene.WithEffect(new SceneEffect { Kind = effect, Seed = rng.NextULong() });
        return new EditDraft
        {
            Input = scene, Output = output, Phrasing = ctx.Phrase(bank),
            Claim = new EditClaim { Kind = ClaimKind.Effect, Effect = effect },
            Scope = MaskScope.Full,
        };
    }
}
