using System.CommandLine;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Onnx;
using EmuEdit.Onnx.Export;

namespace EmuEdit.Cli;

/// <summary>`emuedit export ...`: turn a checkpoint into the files the serving side runs.</summary>
public static class ExportCommands
{
    public static Command Create()
    {
        var export = new Command("export", "Export a trained model for serving.");
        export.Subcommands.Add(Onnx());
        return export;
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
