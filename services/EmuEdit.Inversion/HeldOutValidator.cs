using EmuEdit.Contracts.V1;
using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Inversion;

namespace EmuEdit.Inversion;

/// <summary>
/// Scores the held-out edits of a learned task against their expected outputs with the evaluator's
/// metrics: mean L1 to the target, and the success criterion (did the edit change what the target
/// changes, and keep the rest) over a mask of the pixels the target changes, since examples sent to the
/// API carry no mask.
/// </summary>
public sealed class HeldOutValidator(InversionServiceOptions options)
{
    private readonly EditScorer _scorer = new(options.Evaluation);

    public ValidationMetrics Score(IReadOnlyList<LearningExample> examples, IReadOnlyList<EditOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(outputs);
        if (examples.Count != outputs.Count) throw new ArgumentException($"{outputs.Count} outputs for {examples.Count} examples.", nameof(outputs));
        if (examples.Count == 0) return new ValidationMetrics();
        double l1 = 0;
        int successes = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var input = ImageConversion.FromEncoded(examples[i].Input.Span);
            var target = ImageConversion.FromEncoded(examples[i].Output.Span);
            var output = ImageConversion.FromEncoded(outputs[i].Image);
            if (target.Width != input.Width || target.Height != input.Height)
                throw new InvalidExampleException($"held_out_examples[{i}]: the output is {target.Width}x{target.Height} pixels but the input {input.Width}x{input.Height}; they must match.");
            l1 += PixelMetrics.MeanAbsolute(output, target);
            if (_scorer.Score(input, output, target, ChangedPixels(input, target)).Success) successes++;
        }
        return new ValidationMetrics { Examples = examples.Count, L1ToTarget = l1 / examples.Count, SuccessRate = (double)successes / examples.Count };
    }

    /// <summary>The pixels whose expected output differs from the input by more than the threshold (mean over RGB).</summary>
    private EditMask ChangedPixels(PlanarImage input, PlanarImage target)
    {
        var plane = input.PixelCount;
        var weights = new float[plane];
        for (var p = 0; p < plane; p++)
        {
            double difference = 0;
            for (var c = 0; c < PlanarImage.Channels; c++) difference += Math.Abs(input.Pixels[c * plane + p] - target.Pixels[c * plane + p]);
            if (difference / PlanarImage.Channels > options.ChangedPixelThreshold) weights[p] = 1f;
        }
        return new EditMask(weights, input.Width, input.Height);
    }
}
