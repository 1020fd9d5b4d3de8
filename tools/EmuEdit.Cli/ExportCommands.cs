using System.CommandLine;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Onnx;
using EmuEdit.Onnx.Export;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Training.Editor;
using EmuEdit.Training.Runs;

namespace EmuEdit.Cli;

/// <summary>`emuedit export ...`: turn a checkpoint into the files the serving side runs.</summary>
public static class ExportCommands
{
    public static Command Create()
    {
        var export = new Command("export", "Export a trained model for serving.");
        export.Subcommands.Add(Onnx());
        export.Subcommands.Add(Weights());
        return export;
    }

    private static Command Weights()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Checkpoint folder to read (a training run's model/ folder; the run folder itself with --weights).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Model folder to write (for example models/default).", Required = true };
        var storage = new Option<WeightStorage>("--storage")
        {
            Description = "Floating-point type the weights are stored in: Float16 halves the folder (what the repository ships), BFloat16 keeps fp32's range, Float32 is exact.",
            DefaultValueFactory = _ => WeightStorage.Float16,
        };
        var autoencoder = new Option<DirectoryInfo?>("--autoencoder")
        {
            Description = "Take the autoencoder from this model folder instead (a decoder fine-tune, `train autoencoder --decoder-from`); its encoder must be the checkpoint's.",
        };
        var weights = new Option<RunWeights?>("--weights")
        {
            Description = "Take these weights from an editor training run's state instead of its model folder (then --model is the run folder): Ema (the moving average) or Raw (the optimiser's).",
        };
        // The sampler settings the written model asks for (config.json, section diffusion): what `edit`,
        // `eval` and the gateway use when not told otherwise, so a model is shipped with the scales it was tuned to.
        var steps = new Option<int?>("--steps") { Description = "Default sampler steps of the written model (default: the checkpoint's)." };
        var imageGuidance = new Option<double?>("--image-guidance") { Description = "Default gamma_I of the written model (default: the checkpoint's)." };
        var textGuidance = new Option<double?>("--text-guidance") { Description = "Default gamma_T of the written model (default: the checkpoint's)." };
        var cmd = new Command("weights", "Write a checkpoint's weights in a compact storage type, with its config, vocabulary, task names and task predictor.")
        {
            model, output, storage, autoencoder, weights, steps, imageGuidance, textGuidance,
        };
        cmd.SetAction(parse =>
        {
            string from = parse.GetValue(model)!.FullName, to = parse.GetValue(output)!.FullName;
            try
            {
                if (Path.GetFullPath(from) == Path.GetFullPath(to)) throw new IOException("--out must differ from --model: the checkpoint is read while the copy is written.");
                // Checked before the weights are loaded; the step limit is the engine's (the gateway's MaxSteps
                // defaults to the same), so a written model never asks for more than it may serve.
                var maxSteps = new EditEngineOptions().MaxSteps;
                if (parse.GetValue(steps) is { } askedSteps && (askedSteps < 1 || askedSteps > maxSteps))
                    throw new InvalidDataException($"--steps must be in [1, {maxSteps}], the engine's limit; got {askedSteps}.");
                if (parse.GetValue(imageGuidance) is { } gi0 && !GuidanceScales.IsValidScale(gi0)) throw new InvalidDataException($"--image-guidance must be finite and non-negative; got {gi0}.");
                if (parse.GetValue(textGuidance) is { } gt0 && !GuidanceScales.IsValidScale(gt0)) throw new InvalidDataException($"--text-guidance must be finite and non-negative; got {gt0}.");
                EmuEdit.Model.TorchRuntime.Initialise();
                var which = parse.GetValue(weights);
                var checkpoint = which is null ? from : new RunFolder(from).Model;
                using (var loaded = which is { } w ? EditorRunWeights.Load(from, w) : ModelCheckpoint.Load(from))
                {
                    if (which is { } chosen) Console.WriteLine($"{chosen} weights from the run state in {from}");
                    var source = parse.GetValue(autoencoder)?.FullName;
                    using var replacement = source is null ? null : ModelCheckpoint.LoadAutoencoder(source);
                    if (replacement is not null)
                    {
                        if (!replacement.Options.HasSameEncoder(loaded.Config.Autoencoder) || !loaded.Autoencoder.HasSameLatentSpace(replacement))
                            throw new CheckpointMismatchException($"--autoencoder {source}: its encoder or latent scale differs from the checkpoint's, so the editor's latents would mean something else; only a decoder fine-tune of the same autoencoder can replace it.");
                        Console.WriteLine($"autoencoder from {source} (same encoder, its own decoder: {replacement.Options.DecoderBlocksPerLevel} blocks per level)");
                    }
                    var sampling = loaded.Config.Diffusion;
                    if (parse.GetValue(steps) is { } s) sampling.DefaultInferenceSteps = s;
                    if (parse.GetValue(imageGuidance) is { } gi) sampling.ImageGuidanceScale = gi;
                    if (parse.GetValue(textGuidance) is { } gt) sampling.TextGuidanceScale = gt;
                    ModelCheckpoint.Save(loaded, to, parse.GetValue(storage), replacement);
                }
                // The task predictor is not part of the checkpoint but of the folder the services load.
                foreach (string file in Directory.EnumerateFiles(checkpoint, "task_predictor*.json"))
                    File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
                foreach (string path in Directory.EnumerateFiles(to, "*.safetensors").Order(StringComparer.Ordinal))
                    Console.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:F2} MiB)");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ModelConfigException or CheckpointMismatchException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }

    private static Command Onnx()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Checkpoint folder (config.json, vocab.json, *.safetensors).", Required = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write the graphs (default: beside the checkpoint; vocab.json is copied there too)." };
        var groupNorm = new Option<GroupNormExport>("--group-norm")
        {
            Description = "How GroupNorm is written: InstanceNormalization (any provider) or GroupNormalization21.",
            DefaultValueFactory = _ => GroupNormExport.InstanceNormalization,
        };
        var cmd = new Command("onnx", "Write text_encoder.onnx, vae_encoder.onnx and vae_decoder.onnx for the ONNX Runtime services.") { model, output, groupNorm };
        cmd.SetAction(parse =>
        {
            try
            {
                var result = ModelOnnxExport.ExportAll(parse.GetValue(model)!.FullName, new ModelOnnxExportOptions
                {
                    OutputFolder = parse.GetValue(output)?.FullName,
                    GroupNorm = parse.GetValue(groupNorm),
                });
                foreach (var path in result.GraphPaths)
                    Console.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB)");
                return 0;
            }
            // A wrong folder, a damaged checkpoint or a module the exporter cannot write: one line, not a stack trace.
            catch (Exception e) when (e is IOException or InvalidDataException or ModelConfigException or CheckpointMismatchException or OnnxExportException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }
}
