namespace EmuEdit.Data.Tasks;

/// <summary>The generator for every task name in <see cref="EditTasks.All"/>.</summary>
public static class TaskRegistry
{
    private static readonly Dictionary<string, ITaskGenerator> Generators = new ITaskGenerator[]
    {
        new LocalTask(), new RemoveTask(), new AddTask(), new TextureTask(), new BackgroundTask(), new GlobalTask(), new StyleTask(),
        new TextTask(), new DetectTask(), new SegmentTask(), new ColorTask(),
        TranslationTask.Sketch, TranslationTask.Depth, TranslationTask.Normal, TranslationTask.Segmentation, TranslationTask.Pose,
        new SuperResolutionTask(), new ContourTask(), new InpaintTask(), new AddDetectTask(),
    }.ToDictionary(g => g.Task);

    public static ITaskGenerator Get(string task) =>
        Generators.TryGetValue(task, out var g)
            ? g
            : throw new ArgumentException($"unknown task '{task}' (known: {string.Join(", ", EditTasks.All)})", nameof(task));
}
