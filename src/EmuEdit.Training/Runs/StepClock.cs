using System.Diagnostics;

namespace EmuEdit.Training.Runs;

/// <summary>Steps per second and time remaining, measured from the first step this process ran.</summary>
public sealed class StepClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly long _startStep;

    public StepClock(long startStep) => _startStep = startStep;

    public double StepsPerSecond(long step)
    {
        var seconds = _watch.Elapsed.TotalSeconds;
        return seconds > 0 ? (step - _startStep) / seconds : 0;
    }

    public TimeSpan? Remaining(long step, long total)
    {
        var rate = StepsPerSecond(step);
        return rate > 0 ? TimeSpan.FromSeconds((total - step) / rate) : null;
    }
}
