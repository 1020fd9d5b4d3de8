namespace EmuEdit.Training.Runs;

/// <summary>Reports nothing (tests, embedding).</summary>
public sealed class SilentReporter : ITrainingReporter
{
    public static SilentReporter Instance { get; } = new();

    public void Started(string title, long startStep, long totalSteps) { }

    public void Stepped(StepReport report) { }

    public void Message(string text) { }
}
