using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// Classifier-free-guidance dropout per row, from ONE uniform draw u partitioned into
/// [0, pText) text only, [pText, pText+pImage) image only, [.., +pBoth) both, so the three cases are
/// disjoint with exactly the configured probabilities. Text dropped = the null instruction; image
/// dropped = an all-zero latent (what the sampler's unconditional rows use); task dropped = a zero vector.
/// </summary>
internal static class ConditioningDropout
{
    /// <param name="u">Uniform [0,1) per row (CPU or device).</param>
    /// <param name="taskU">An independent uniform per row for the task drop.</param>
    public static EditConditioning Apply(EditConditioning c, Tensor u, Tensor taskU, DiffusionOptions options)
    {
        using var scope = NewDisposeScope();
        var device = c.ImageLatent.device;
        var draws = u.to(ScalarType.Float64, device);
        var textEnd = options.TextDropProbability;
        var imageEnd = textEnd + options.ImageDropProbability;
        var bothEnd = imageEnd + options.BothDropProbability;
        var both = draws.ge(imageEnd).logical_and(draws.lt(bothEnd));
        var dropText = draws.lt(textEnd).logical_or(both);
        var dropImage = draws.ge(textEnd).logical_and(draws.lt(bothEnd));
        var dropTask = taskU.to(ScalarType.Float64, device).lt(options.TaskDropProbability);

        var length = Math.Max(c.TextContext.shape[1], c.NullTextContext.shape[1]);
        var context = TextPadding.PadContext(c.TextContext, length);
        var mask = TextPadding.PadMask(c.TextMask, length);
        var nullContext = TextPadding.PadContext(c.NullTextContext, length);
        var nullMask = TextPadding.PadMask(c.NullTextMask, length);

        var dropped = new EditConditioning(
            where(dropImage.view(-1, 1, 1, 1), zeros_like(c.ImageLatent), c.ImageLatent),
            where(dropText.view(-1, 1, 1), nullContext, context),
            where(dropText.view(-1, 1), nullMask, mask),
            nullContext,
            nullMask,
            where(dropTask.view(-1, 1), zeros_like(c.Task), c.Task));
        foreach (var t in new[] { dropped.ImageLatent, dropped.TextContext, dropped.TextMask, dropped.NullTextContext, dropped.NullTextMask, dropped.Task })
            t.MoveToOuterDisposeScope();
        return dropped;
    }
}
