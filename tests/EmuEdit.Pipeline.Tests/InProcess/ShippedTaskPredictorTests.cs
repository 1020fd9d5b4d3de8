using EmuEdit.Pipeline.InProcess;
using EmuEdit.Testing;

namespace EmuEdit.Pipeline.Tests.InProcess;

/// <summary>
/// The predictor shipped in models/default loads the way the worker, `emuedit edit` and the
/// task-predictor service load it (its sentence encoder found beside the binaries) and names the task
/// of plain instructions, including wordings of the benchmark's held-out families.
/// </summary>
public class ShippedTaskPredictorTests
{
    [Fact]
    public async Task The_shipped_predictor_loads_and_names_the_task()
    {
        var predictor = InProcessTaskPredictor.Load(ShippedModel.Folder(InProcessTaskPredictor.FileName));
        Assert.Equal(16, predictor.Tasks.Count);
        var cases = new (string Instruction, string Task)[]
        {
            ("remove the red circle", "remove"),
            ("make the yellow moon vanish", "remove"),
            ("make it look like winter", "global"),
            ("draw a box around the blue star", "detect"),
            ("bring this keypoint skeleton to life as a person in a meadow", "pose2image"),
        };
        var guesses = await predictor.PredictAsync(cases.Select(c => c.Instruction).ToArray());
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(cases[i].Task, guesses[i].Ranked[0].Task);
        }
    }
}
