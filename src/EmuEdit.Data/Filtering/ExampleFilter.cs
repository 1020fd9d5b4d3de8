using EmuEdit.Data.Imaging;
using EmuEdit.Data.Rendering;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Filtering;

/// <summary>
/// The filters of paper §3.2 for synthetic data: referent resolution (ambiguous or hidden), consistency
/// of the output scene with the instruction, and pixel checks (identical, invisible).
/// </summary>
public sealed class ExampleFilter(FilterOptions? options = null, Instructions.ReferenceOptions? references = null)
{
    public FilterOptions Options { get; } = options ?? new FilterOptions();
    private readonly Instructions.ReferenceOptions _references = references ?? new Instructions.ReferenceOptions();

    /// <summary>Checks the draft's meaning before any pixels exist (cheap, so it runs first).</summary>
    public Rejection? CheckDraft(EditDraft draft, SceneLayers inputLayers)
    {
        Scenes.SceneObject? target = null;
        if (draft.Claim.Referent is { } referent)
        {
            var matches = referent.Resolve(draft.Input, _references);
            if (matches.Count != 1)
                return new Rejection(RejectionReason.AmbiguousReferent, $"\"{referent.Text}\" matches {matches.Count} objects");
            target = matches[0];
            if (inputLayers.VisibleFraction(target.Id) < Options.MinVisibleFraction)
                return new Rejection(RejectionReason.HiddenReferent, $"\"{referent.Text}\" is only {inputLayers.VisibleFraction(target.Id):P0} visible");
        }
        var problem = ConsistencyChecker.Check(draft.Input, draft.Output, draft.Claim, target);
        return problem is null ? null : new Rejection(RejectionReason.Inconsistent, problem);
    }

    /// <summary>Checks the rendered pair.</summary>
    public Rejection? CheckPixels(string task, RgbImage input, RgbImage target, GrayImage mask)
    {
        if (input.PixelsEqual(target)) return new Rejection(RejectionReason.Identical, "target equals input");
        double mean = RgbImage.MeanAbsDiff(input, target);
        if (mean < Options.MinMeanChange) return new Rejection(RejectionReason.Invisible, $"mean change {mean:F4} < {Options.MinMeanChange}");
        double weighted = 0, weight = 0;
        for (int p = 0; p < mask.Data.Length; p++)
        {
            float m = mask.Data[p];
            if (m <= 0) continue;
            int i = p * 3;
            weighted += m * (MathF.Abs(input.Data[i] - target.Data[i]) + MathF.Abs(input.Data[i + 1] - target.Data[i + 1]) + MathF.Abs(input.Data[i + 2] - target.Data[i + 2])) / 3;
            weight += m;
        }
        double masked = weight > 0 ? weighted / weight : 0;
        double threshold = Options.MaskedThreshold(task);
        return masked < threshold
            ? new Rejection(RejectionReason.Invisible, $"mean change inside the mask {masked:F4} < {threshold}")
            : null;
    }
}
