namespace EmuEdit.Pipeline.Inversion;

/// <summary>A learned task vector and the loss of every optimiser step.</summary>
public sealed record LearnedTask(float[] Vector, IReadOnlyList<double> Losses)
{
    /// <summary>
    /// The mean loss of the last <paramref name="window"/> steps: a single step's loss depends on the
    /// timestep and noise drawn for it, so one value says little about the fit.
    /// </summary>
    public double FinalLoss(int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        if (Losses.Count == 0) return double.NaN;
        return Losses.Skip(Math.Max(0, Losses.Count - window)).Average();
    }
}
