using EmuEdit.Data.Generation;
using EmuEdit.Data.Preview;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

public class StreamAndSheetTests
{
    [Fact]
    public void The_stream_cycles_tasks_and_resumes_where_asked()
    {
        var first = TestData.Generator.Stream(EditTasks.Trained, Split.Train).Take(20).ToList();
        Assert.Equal(EditTasks.Trained.Concat(EditTasks.Trained.Take(4)), first.Select(e => e.Task));
        Assert.Equal(1, first[16].Seed);
        var resumed = TestData.Generator.Stream(EditTasks.Trained, Split.Train, startAt: 17).First();
        Assert.Equal(first[17].Instruction, resumed.Instruction);
        Assert.True(first[17].Target.PixelsEqual(resumed.Target));
        Assert.Throws<ArgumentException>(() => TestData.Generator.Stream(["contour"], Split.Train).First());
    }

    [Fact]
    public void The_contact_sheet_shows_three_panels_per_example()
    {
        var examples = new[] { "local", "detect", "depth2image" }.Select(t => TestData.Generator.Generate(t, 2, Split.Train)).ToList();
        var sheet = ContactSheet.Render(examples, scale: 2, fontScale: 2, columns: 1);
        Assert.True(sheet.Width >= 3 * 128 && sheet.Height >= 3 * 128);
        // The first panel is the first input, scaled up x2.
        Assert.Equal(examples[0].Input[10, 10], sheet[6 + 20, 6 + 20]);
    }
}
