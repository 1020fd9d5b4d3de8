using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Engine;

namespace EmuEdit.Pipeline.Tests.Engine;

public sealed class EditInputTests
{
    [Fact]
    public void AJobsThresholdComesFromTheSessionTurnThenFromItsParameters()
    {
        var single = new EditJob { Instruction = "x", Parameters = new EditParameters { Threshold = 0.05f } };
        var turn = new EditJob { Instruction = "x", Parameters = new EditParameters { Threshold = 0.05f }, SessionId = "s", Threshold = 0.2f };
        var unset = new EditJob { Instruction = "x", Parameters = new EditParameters() };

        Assert.Equal(0.05, EditInput.FromJob("a", single).Threshold!.Value, 6);
        Assert.False(EditInput.FromJob("a", single).IsSessionTurn);
        Assert.Equal(0.2, EditInput.FromJob("b", turn).Threshold!.Value, 6);
        Assert.True(EditInput.FromJob("b", turn).IsSessionTurn);
        Assert.Null(EditInput.FromJob("c", unset).Threshold);
    }
}
