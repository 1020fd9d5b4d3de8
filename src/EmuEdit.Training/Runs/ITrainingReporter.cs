namespace EmuEdit.Training.Runs;

/// <summary>Where a training loop reports progress; the command line draws a live bar or plain log lines.</summary>
public interface ITrainingReporter
{
    /// <summary>The loop is about to run steps <paramref name="startStep"/>+1 .. <paramref name="totalSteps"/>.</summary>
    void Started(string title, long startStep, long totalSteps);

    /// <summary>After every optimiser step.</summary>
    void Stepped(StepReport report);

    /// <summary>Evaluations, checkpoints and other notable events.</summary>
    void Message(string text);
}
