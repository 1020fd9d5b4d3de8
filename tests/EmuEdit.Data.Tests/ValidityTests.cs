using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

public class ValidityTests
{
    public static TheoryData<string> AllTasks => new(EditTasks.All);

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void Every_task_yields_valid_examples_for_200_seeds(string task)
    {
        var examples = TestData.Many(task, 200);
        foreach (var e in examples)
        {
            Assert.Equal(task, e.Task);
            Assert.Equal(EditTasks.IndexOf(task), e.TaskIndex);
            Assert.Equal((64, 64), (e.Input.Width, e.Input.Height));
            Assert.Equal((64, 64), (e.Target.Width, e.Target.Height));
            Assert.Equal((64, 64), (e.Mask.Width, e.Mask.Height));
            Assert.False(string.IsNullOrWhiteSpace(e.Instruction));
            Assert.False(string.IsNullOrWhiteSpace(e.InputCaption));
            Assert.False(string.IsNullOrWhiteSpace(e.OutputCaption));
            Assert.False(e.HeldOutPhrasing);
            foreach (var img in new[] { e.Input, e.Target })
                foreach (float v in img.Data)
                    if (!(v >= 0 && v <= 1 && MathF.Abs(v * 255 - MathF.Round(v * 255)) < 1e-3))
                        Assert.Fail($"{e.Id}: {v} is not an 8-bit value");
            Assert.Null(TestData.Generator.Filter.CheckPixels(task, e.Input, e.Target, e.Mask));
        }
        // The instruction agent must vary its wording, not repeat one template.
        Assert.True(examples.Select(e => e.PhrasingId).Distinct().Count() >= 3, $"{task}: too few phrasings");
        int templates = TaskRegistry.Get(task).Phrasings.Sum(b => b.Train.Count);
        Assert.True(examples.Select(e => e.Instruction).Distinct().Count() >= Math.Min(20, templates), $"{task}: too few distinct instructions");
    }

    [Fact]
    public void Other_image_sizes_work()
    {
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(96, 96));
        foreach (var task in new[] { "local", "text", "detect", "pose2image", "superres" })
        {
            var e = generator.Generate(task, 3, TestData.SplitFor(task));
            Assert.Equal((96, 96), (e.Target.Width, e.Target.Height));
        }
    }
}
