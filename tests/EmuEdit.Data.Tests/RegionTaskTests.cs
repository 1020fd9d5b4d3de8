namespace EmuEdit.Data.Tests;

public class RegionTaskTests
{
    public static TheoryData<string> Tasks => new(TestData.RegionTasks);

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Target_equals_input_outside_the_mask_pixel_for_pixel(string task)
    {
        foreach (var e in TestData.Many(task, 40))
        {
            int inside = 0;
            for (int p = 0; p < e.Mask.Data.Length; p++)
            {
                if (e.Mask.Data[p] > 0) { inside++; continue; }
                for (int c = 0; c < 3; c++)
                    Assert.True(e.Input.Data[p * 3 + c] == e.Target.Data[p * 3 + c], $"{e.Id}: pixel {p % 64},{p / 64} changed outside the mask");
            }
            Assert.True(inside > 0, $"{e.Id}: empty mask");
            Assert.True(inside < e.Mask.Data.Length || task == "background", $"{e.Id}: a region task masked the whole image");
        }
    }

    [Fact]
    public void Free_form_tasks_have_full_masks()
    {
        foreach (var task in new[] { "global", "style", "color", "sketch2image", "pose2image", "superres", "contour" })
            Assert.All(TestData.Many(task, 5), e => Assert.All(e.Mask.Data, m => Assert.Equal(1f, m)));
    }
}
