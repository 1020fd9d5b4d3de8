using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.TaskPrediction;
using EmuEdit.Testing;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// Another model of the test model's sizes (other random weights, so another autoencoder): what a worker is
/// given when a rollout mixes models.
/// </summary>
public sealed class OtherModelFolder : IDisposable
{
    public OtherModelFolder()
    {
        var tasks = TinyModelFolder.Phrasings.Select(p => p.Task).Distinct().ToArray();
        RandomModelFolder.Write(Path, TinyModelFolder.ConfigJson,
            TinyModelFolder.Phrasings.Select(p => new LabelledInstruction(p.Instruction, p.Task)).ToArray(), tasks, weightSeed: 8, perturbScale: 0.05);
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"emuedit-other-model-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
