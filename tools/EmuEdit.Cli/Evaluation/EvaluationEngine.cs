using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Tasks;

namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// The served edit engine (src/EmuEdit.Pipeline) built from a model folder, with one addition for the
/// "no task embedding" baseline: a reserved task name whose vector is all zeros. Everything else (task
/// prediction, text encoding, resizing, VAE, batched sampling, decoding, PNG) is the worker's path.
/// </summary>
public sealed class EvaluationEngine : IDisposable
{
    /// <summary>Task name of the zero vector; no built-in or registered task can take it (names are identifiers).</summary>
    public const string NoTaskName = "(no task)";

    private EvaluationEngine(EditEngine engine, InProcessLatentCodec codec)
    {
        Engine = engine;
        Codec = codec;
    }

    public EditEngine Engine { get; }

    /// <summary>The engine's autoencoder (for the reconstruction PSNR).</summary>
    public InProcessLatentCodec Codec { get; }

    public static EvaluationEngine Load(string modelFolder, EditEngineOptions options)
    {
        if (!Directory.Exists(modelFolder)) throw new DirectoryNotFoundException($"Model folder {modelFolder} does not exist.");
        var predictor = InProcessTaskPredictor.Load(modelFolder);
        var owned = new List<IDisposable>();
        try
        {
            var denoiser = EditDenoiser.Load(modelFolder);
            owned.Add(denoiser);
            var encoder = InProcessInstructionEncoder.Load(modelFolder);
            owned.Add(encoder);
            var codec = InProcessLatentCodec.Load(modelFolder);
            owned.Add(codec);
            var vectors = denoiser.BuiltInTaskVectors.Append(new float[denoiser.BuiltInTaskVectors[0].Length]).ToList();
            var tasks = new TaskVectorResolver([.. denoiser.TaskNames, NoTaskName], vectors);
            var engine = new EditEngine(denoiser, predictor, encoder, codec, tasks, options, owned: owned);
            return new EvaluationEngine(engine, codec);
        }
        catch
        {
            foreach (var part in owned) part.Dispose();
            throw;
        }
    }

    public void Dispose() => Engine.Dispose();
}
