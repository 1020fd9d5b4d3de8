using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

public class CaptionTests
{
    [Fact]
    public void Output_captions_differ_from_input_captions_when_the_scene_changes()
    {
        // Every task changes the scene (objects, background, text, effects or modality).
        foreach (var task in EditTasks.All)
            foreach (var e in TestData.Many(task, 25))
                Assert.True(e.InputCaption != e.OutputCaption, $"{e.Id}: caption unchanged: {e.InputCaption}");
    }

    [Fact]
    public void Translation_instructions_carry_the_output_caption()
    {
        foreach (var task in new[] { "sketch2image", "depth2image", "normal2image", "segmentation2image", "pose2image" })
            Assert.All(TestData.Many(task, 10), e => Assert.Contains(e.OutputCaption, e.Instruction));
    }
}
