namespace EmuEdit.Evaluation.Tests;

public class EditScorerTests
{
    private readonly EditScorer _scorer = new(new EvaluationOptions());

    // Input is grey; the target turns the top-left pixel white (distance 0.5 inside).
    private static readonly PlanarImage Input = Images.Uniform(0.5f);
    private static readonly PlanarImage Target = Images.WithPixel(Input, 0, 0, 1f);

    [Fact]
    public void ThePerfectEditSucceeds()
    {
        var score = _scorer.Score(Input, Target, Target, Images.TopLeft());
        Assert.True(score.Success);
        Assert.Equal(0, score.TargetL1Inside);
        Assert.Equal(0.5, score.InputTargetL1Inside!.Value, 6);
        Assert.Equal(0, score.InputL1Outside);
        Assert.Equal(0.5 * 3 / 12, score.InputOutputL1, 6);
    }

    [Fact]
    public void DoingNothingFails()
    {
        var score = _scorer.Score(Input, Input, Target, Images.TopLeft());
        Assert.False(score.Success);
        Assert.Equal(0.5, score.TargetL1Inside!.Value, 6);
    }

    [Fact]
    public void HalfwayIsTheBoundary()
    {
        // 0.75 is 0.25 from the target: exactly half the input's 0.5, which passes; 0.74 does not.
        Assert.True(_scorer.Score(Input, Images.WithPixel(Input, 0, 0, 0.75f), Target, Images.TopLeft()).Success);
        Assert.False(_scorer.Score(Input, Images.WithPixel(Input, 0, 0, 0.74f), Target, Images.TopLeft()).Success);
    }

    [Fact]
    public void ChangingTheRestFailsEvenWhenTheEditIsDone()
    {
        // The edit is perfect, but another pixel drifts by 0.2: outside L1 = 0.2 / 3 = 0.067 > 0.04.
        var output = Images.WithPixel(Target, 1, 1, 0.7f);
        var score = _scorer.Score(Input, output, Target, Images.TopLeft());
        Assert.Equal(0.2 / 3, score.InputL1Outside!.Value, 6);
        Assert.False(score.Success);
    }

    [Fact]
    public void AWholeImageEditHasNoOutsideCondition()
    {
        var target = Images.Uniform(0.9f);
        var score = _scorer.Score(Input, Images.Uniform(0.8f), target, EditMask.Full(2, 2));
        Assert.Null(score.InputL1Outside);
        Assert.True(score.Success); // 0.1 <= 0.5 * 0.4
    }
}
