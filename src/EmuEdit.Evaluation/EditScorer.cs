namespace EmuEdit.Evaluation;

/// <summary>Scores one edit against its ground truth with the project's success criterion.</summary>
public sealed class EditScorer(EvaluationOptions options)
{
    public EvaluationOptions Options { get; } = options;

    public EditScore Score(PlanarImage input, PlanarImage output, PlanarImage target, EditMask mask)
    {
        var targetInside = PixelMetrics.MeanAbsolute(output, target, mask, inside: true);
        var inputTargetInside = PixelMetrics.MeanAbsolute(input, target, mask, inside: true);
        var inputOutside = PixelMetrics.MeanAbsolute(output, input, mask, inside: false);
        return new EditScore
        {
            InputOutputL1 = PixelMetrics.MeanAbsolute(input, output),
            TargetL1Inside = targetInside,
            InputTargetL1Inside = inputTargetInside,
            InputL1Outside = inputOutside,
            PsnrToTarget = PixelMetrics.Psnr(output, target, Options.MaxPsnrDb),
            Success = IsSuccess(targetInside, inputTargetInside, inputOutside),
        };
    }

    private bool IsSuccess(double? targetInside, double? inputTargetInside, double? inputOutside)
    {
        // An empty mask means nothing was asked for: no edit can succeed at it.
        if (targetInside is not { } done || inputTargetInside is not { } asked) return false;
        var editDone = done <= Options.InsideRatio * asked;
        var restKept = inputOutside is not { } drift || drift <= Options.OutsideL1;
        return editDone && restKept;
    }
}
