using EmuEdit.Model;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Tasks;
using Microsoft.Extensions.Logging;

namespace EmuEdit.Pipeline.Engine;

/// <summary>Engines whose three remote parts run in this process (emuedit edit, the evaluator, tests).</summary>
public static class InProcessEditEngine
{
    /// <summary>
    /// Loads every part from a model folder: checkpoint (ModelCheckpoint layout) plus task_predictor.json.
    /// The engine owns and disposes them.
    /// </summary>
    public static EditEngine Load(string modelFolder, EditEngineOptions? options = null, ILoggerFactory? loggerFactory = null)
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
            return new EditEngine(denoiser, predictor, encoder, codec,
                TaskVectorResolver.FromDenoiser(denoiser, loggerFactory?.CreateLogger<TaskVectorResolver>()),
                options ?? new EditEngineOptions(), loggerFactory?.CreateLogger<EditEngine>(), owned);
        }
        catch
        {
            foreach (var part in owned) part.Dispose();
            throw;
        }
    }

    /// <summary>An engine over a model already in memory (the caller keeps it alive and disposes it).</summary>
    public static EditEngine FromModel(EmuEditModel model, ITaskPredictorClient predictor, EditEngineOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var denoiser = EditDenoiser.FromModel(model);
        return new EditEngine(denoiser, predictor,
            new InProcessInstructionEncoder(model.Instructions), new InProcessLatentCodec(model.Autoencoder),
            TaskVectorResolver.FromDenoiser(denoiser, loggerFactory?.CreateLogger<TaskVectorResolver>()),
            options ?? new EditEngineOptions(), loggerFactory?.CreateLogger<EditEngine>());
    }
}
