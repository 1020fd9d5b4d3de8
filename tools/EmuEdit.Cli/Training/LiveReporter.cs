using EmuEdit.Training.Runs;
using Spectre.Console;

namespace EmuEdit.Cli.Training;

/// <summary>A live Spectre.Console progress bar with loss, steps/s and ETA, for a terminal.</summary>
public sealed class LiveReporter(ProgressTask task) : ITrainingReporter
{
    public void Started(string title, long startStep, long totalSteps)
    {
        task.MaxValue = totalSteps;
        task.Value = startStep;
        task.Description = Markup.Escape(title);
    }

    public void Stepped(StepReport r)
    {
        task.Value = r.Step;
        task.Description = Markup.Escape($"step {r.Step}/{r.TotalSteps} loss {r.Loss:F4} {r.StepsPerSecond:F2} it/s eta {TrainingFormat.Duration(r.Remaining)}");
    }

    public void Message(string text) => AnsiConsole.MarkupLine(Markup.Escape(text));

    /// <summary>Runs <paramref name="run"/> under a live bar when stdout is a terminal, else with plain logs.</summary>
    public static T Run<T>(int logEvery, Func<ITrainingReporter, T> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return run(new PlainReporter(logEvery));
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx => run(new LiveReporter(ctx.AddTask("training"))));
    }
}
