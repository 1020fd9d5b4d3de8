using System.CommandLine;
using EmuEdit.Model;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Imaging;
using EmuEdit.Pipeline.InProcess;
using ImageFormat = EmuEdit.Contracts.V1.ImageFormat;

namespace EmuEdit.Cli;

/// <summary>`emuedit edit`: one edit through the same engine the diffusion worker runs, in this process.</summary>
public static class EditCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model folder (checkpoint + task_predictor.json).", Required = true };
        var image = new Option<FileInfo>("--image") { Description = "Input image (PNG or JPEG).", Required = true };
        var instruction = new Option<string>("--instruction") { Description = "The edit, in words.", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Output file (.png, or .jpg/.jpeg for JPEG).", Required = true };
        var task = new Option<string?>("--task") { Description = "Task name; default: the task predictor chooses." };
        var steps = new Option<int?>("--steps") { Description = "DDIM steps (default: the checkpoint's)." };
        var seed = new Option<ulong?>("--seed") { Description = "Noise seed (default: random, printed)." };
        var imageGuidance = new Option<double?>("--image-guidance") { Description = "gamma_I (default: the checkpoint's)." };
        var textGuidance = new Option<double?>("--text-guidance") { Description = "gamma_T (default: the checkpoint's)." };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "Keep the input's pixel where the edit changed less than this (edit thresholding, 0 = off; default: the engine's).",
        };
        var threads = new Option<int>("--threads") { Description = "LibTorch threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("edit", "Edit one image in process with the worker's engine; prints the task used and its probability.")
        {
            model, image, instruction, output, task, steps, seed, imageGuidance, textGuidance, threshold, threads,
        };
        cmd.SetAction(parse => CliErrors.Guarded(() =>
        {
            var folder = parse.GetValue(model)!.FullName;
            var input = parse.GetValue(image)!;
            if (!input.Exists) throw new FileNotFoundException($"Input image {input.FullName} not found.", input.FullName);
            var target = parse.GetValue(output)!.FullName;
            var ext = Path.GetExtension(target).ToLowerInvariant();
            var format = ext is ".jpg" or ".jpeg" ? ImageFormat.Jpeg : ImageFormat.Png;
            var text = parse.GetValue(instruction)!;
            var named = parse.GetValue(task);

            TorchRuntime.Initialise(parse.GetValue(threads));
            using var engine = InProcessEditEngine.Load(folder);
            var request = new EditInput("cli", File.ReadAllBytes(input.FullName), text)
            {
                Task = named,
                Steps = parse.GetValue(steps),
                Seed = parse.GetValue(seed),
                ImageGuidanceScale = parse.GetValue(imageGuidance),
                TextGuidanceScale = parse.GetValue(textGuidance),
                Threshold = parse.GetValue(threshold),
                OutputFormat = format,
            };
            EditOutput result;
            try
            {
                result = engine.RunAsync(request).GetAwaiter().GetResult();
            }
            catch (InvalidEditException e)
            {
                throw new ArgumentException(e.Message, e);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, result.Image);

            if (named is null)
            {
                Console.WriteLine($"predicted task: {result.Task} (p = {result.TaskProbability:F3})");
            }
            else
            {
                // The user chose the task; say what the predictor would have picked, so a mismatch is visible.
                var guess = InProcessTaskPredictor.Load(folder).PredictAsync([text]).GetAwaiter().GetResult()[0];
                Console.WriteLine($"task: {result.Task} (given); predicted task: {guess.Task} (p = {guess.Probability:F3})");
            }
            Console.WriteLine($"wrote {target} ({result.Width}x{result.Height}, {result.Steps} steps, seed {result.Seed})");
            return 0;
        }));
        return cmd;
    }
}
