using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Evaluation.Running;
using EmuEdit.Pipeline.Engine;

namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// Edits benchmark examples through the served engine: the input PNG file in, the engine's PNG out, with
/// the task chosen as <see cref="TaskSource"/> says. A batch runs as one continuous batch of the engine.
/// </summary>
public sealed class EngineEditor(EditEngine engine, TaskSource source, SamplingSettings settings) : IBenchmarkEditor
{
    public IReadOnlyList<EditOutcome> Edit(IReadOnlyList<BenchmarkExample> batch)
    {
        var inputs = batch.Select(Input).ToList();
        var outputs = engine.RunAsync(inputs).GetAwaiter().GetResult();
        return outputs.Select(o => new EditOutcome(ImageConversion.FromEncoded(o.Image), source == TaskSource.None ? null : o.Task)).ToList();
    }

    private EditInput Input(BenchmarkExample e)
    {
        var path = e.InputPath ?? throw new InvalidOperationException($"Example {e.Id} has no input file; the engine edits image files.");
        if (source == TaskSource.GroundTruth && e.IsUnseen)
            throw new InvalidOperationException($"Example {e.Id}: unseen task '{e.Task}' has no task row; evaluate it with the predicted task.");
        return new EditInput(e.Id, File.ReadAllBytes(path), e.Instruction)
        {
            Task = source switch
            {
                TaskSource.GroundTruth => e.Task,
                TaskSource.None => EvaluationEngine.NoTaskName,
                _ => null,
            },
            Steps = settings.Steps,
            ImageGuidanceScale = settings.ImageGuidance,
            TextGuidanceScale = settings.TextGuidance,
            Threshold = settings.Threshold,
            Seed = settings.Seed ^ StableHash(e.Id),
        };
    }

    /// <summary>FNV-1a of the id: the same on every run and platform (string.GetHashCode is randomised per process).</summary>
    private static ulong StableHash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
