namespace EmuEdit.Model;

/// <summary>
/// The 16 built-in editing tasks of paper Table 1, in task-table order: the single source of truth for task
/// indices (row i of the task embedding table is task Names[i]). Changing the order invalidates trained models.
/// </summary>
public static class BuiltInTasks
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "local",
        "remove",
        "add",
        "texture",
        "background",
        "global",
        "style",
        "text",
        "detect",
        "segment",
        "color",
        "sketch2image",
        "depth2image",
        "normal2image",
        "segmentation2image",
        "pose2image",
    ];

    public static int Count => Names.Count;

    /// <summary>The task's row in the table; throws naming the known tasks when <paramref name="name"/> is not one.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"'{name}' is not a built-in task. Tasks: {string.Join(", ", Names)}.", nameof(name));
    }
}
