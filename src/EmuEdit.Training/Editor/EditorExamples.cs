using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Training.Editor;

/// <summary>The editor's deterministic example sets: the fixed training set (task-major) and the validation set.</summary>
public static class EditorExamples
{
    /// <summary>(task, seed) of every training example: ExamplesPerTask per trained task, seeds DataSeed + j.</summary>
    public static IReadOnlyList<(string Task, long Seed)> TrainingSet(int examplesPerTask, long dataSeed) =>
        EditTasks.Trained.SelectMany(task => Enumerable.Range(0, examplesPerTask).Select(j => (task, dataSeed + j))).ToList();

    /// <summary>Split.Validation examples, the trained tasks in turn, seeds 0, 1, ... per task.</summary>
    public static IReadOnlyList<EditExample> ValidationSet(ExampleGenerator generator, int count)
    {
        var tasks = EditTasks.Trained;
        return Enumerable.Range(0, count).Select(i => generator.Generate(tasks[i % tasks.Count], i / tasks.Count, Split.Validation)).ToList();
    }
}
