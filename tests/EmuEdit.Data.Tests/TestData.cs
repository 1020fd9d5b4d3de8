using EmuEdit.Data.Generation;

namespace EmuEdit.Data.Tests;

/// <summary>One shared generator: it is thread-safe, and sharing it keeps JIT and allocation costs down.</summary>
internal static class TestData
{
    public static ExampleGenerator Generator { get; } = new();

    public static readonly string[] RegionTasks =
        ["local", "remove", "add", "texture", "background", "text", "detect", "segment", "inpaint", "add_detect"];

    public static Split SplitFor(string task) => Tasks.EditTasks.IsUnseen(task) ? Split.FewShot : Split.Train;

    public static EditExample[] Many(string task, int count, Split? split = null, long first = 0)
    {
        var result = new EditExample[count];
        Parallel.For(0, count, i => result[i] = Generator.Generate(task, first + i, split ?? SplitFor(task)));
        return result;
    }
}
