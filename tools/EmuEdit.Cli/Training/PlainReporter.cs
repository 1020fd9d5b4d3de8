using EmuEdit.Training.Runs;

namespace EmuEdit.Cli.Training;

/// <summary>One log line every N steps, for output redirected to a file (nohup).</summary>
public sealed class PlainReporter(int logEvery) : ITrainingReporter
{
    public void Started(string title, long startStep, long totalSteps) =>
        Write($"{title}: steps {startStep + 1}..{totalSteps}");

    public void Stepped(StepReport r)
    {
        if (r.Step % logEvery != 0 && r.Step != r.TotalSteps) return;
        Write($"step {r.Step}/{r.TotalSteps} loss {r.Loss:F5} lr {r.LearningRate:E2} {r.StepsPerSecond:F2} steps/s eta {TrainingFormat.Duration(r.Remaining)}");
    }

    public void Message(string text) => Write(text);

    private static void Write(string text) => Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z {text}");
}
