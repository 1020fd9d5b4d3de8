namespace EmuEdit.TaskPrediction;

/// <summary>The predictor's answer for one instruction: a probability per task, and the most likely task.</summary>
public sealed record TaskPrediction(IReadOnlyList<string> Tasks, float[] Probabilities)
{
    public int BestIndex
    {
        get
        {
            var best = 0;
            for (var k = 1; k < Probabilities.Length; k++)
            {
                if (Probabilities[k] > Probabilities[best]) best = k;
            }
            return best;
        }
    }

    public string Task => Tasks[BestIndex];

    public float Confidence => Probabilities[BestIndex];
}
