using EmuEdit.Pipeline.InProcess;

namespace EmuEdit.Pipeline.Tests.InProcess;

/// <summary>
/// The predictor shipped in models/default loads the way the worker, `emuedit edit` and the
/// task-predictor service load it (its sentence encoder found beside the binaries) and names the task
/// of plain instructions, including wordings of the benchmark's held-out families.
/// </summary>
public class ShippedTaskPredictorTests
{
    private static string ModelFolder()
    {
        // The test runs from tests/EmuEdit.Pipeline.Tests/bin/...: walk up to the repository root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", "default");
            if (File.Exists(Path.Combine(candidate, InProcessTaskPredictor.FileName))) return candidate;
        }
        throw new DirectoryNotFoundException($"No models/default/{InProcessTaskPredictor.FileName} above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public async Task The_shipped_predictor_loads_and_names_the_task()
    {
        var predictor = InProcessTaskPredictor.Load(ModelFolder());
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
