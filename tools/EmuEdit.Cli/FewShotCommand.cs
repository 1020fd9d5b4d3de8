using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EmuEdit.Cli.FewShot;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Cli;

/// <summary>`emuedit bench fewshot`: task inversion vs zero-shot vs fine-tuning every weight on the unseen tasks (paper §5.3).</summary>
public static class FewShotCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "The model folder (a trained editor).", Required = true };
        var tasks = new Option<string>("--tasks") { Description = "Comma-separated unseen tasks.", DefaultValueFactory = _ => string.Join(',', EditTasks.Unseen) };
        var counts = new Option<string>("--counts") { Description = "Comma-separated example counts.", DefaultValueFactory = _ => "1,10,100" };
        var heldOut = new Option<int>("--held-out") { Description = "Held-out benchmark examples per task.", DefaultValueFactory = _ => 20 };
        var inversionSteps = new Option<int>("--inversion-steps") { Description = "Task inversion optimiser steps.", DefaultValueFactory = _ => 300 };
        var inversionLr = new Option<double>("--inversion-lr") { Description = "Task inversion learning rate.", DefaultValueFactory = _ => 5e-3 };
        var fineTuneSteps = new Option<int>("--finetune-steps") { Description = "Fine-tuning steps.", DefaultValueFactory = _ => 300 };
        var fineTuneLr = new Option<double>("--finetune-lr") { Description = "Fine-tuning learning rate (every weight).", DefaultValueFactory = _ => 1e-5 };
        var batchSize = new Option<int>("--batch-size") { Description = "Examples per optimiser step.", DefaultValueFactory = _ => 4 };
        var samplerSteps = new Option<int?>("--sampler-steps") { Description = "Sampler steps per held-out edit (model default when unset)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the learning methods and the edits' noise.", DefaultValueFactory = _ => 0 };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => string.Join(',', FewShotMethods.All) };
        var json = new Option<FileInfo>("--json") { Description = "JSON results to write.", DefaultValueFactory = _ => new FileInfo("bench/results/fewshot.json") };
        var markdown = new Option<FileInfo>("--markdown") { Description = "Markdown table to write.", DefaultValueFactory = _ => new FileInfo("bench/fewshot.md") };
        var plot = new Option<FileInfo>("--plot") { Description = "PNG plot to write.", DefaultValueFactory = _ => new FileInfo("bench/results/fewshot.png") };
        var cmd = new Command("fewshot", "Few-shot learning of the unseen tasks (paper §5.3): task inversion, zero-shot and fine-tuning, scored on held-out examples.")
        {
            model, tasks, counts, heldOut, inversionSteps, inversionLr, fineTuneSteps, fineTuneLr, batchSize, samplerSteps, seed, methods, json, markdown, plot,
        };
        cmd.SetAction(parse => CliErrors.Guarded(() =>
        {
            var settings = new FewShotSettings
            {
                ModelFolder = parse.GetValue(model)!.FullName,
                Tasks = List(parse.GetValue(tasks)!),
                Counts = [.. List(parse.GetValue(counts)!).Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
                HeldOut = parse.GetValue(heldOut),
                InversionSteps = parse.GetValue(inversionSteps),
                InversionLearningRate = parse.GetValue(inversionLr),
                FineTuneSteps = parse.GetValue(fineTuneSteps),
                FineTuneLearningRate = parse.GetValue(fineTuneLr),
                BatchSize = parse.GetValue(batchSize),
                SamplerSteps = parse.GetValue(samplerSteps),
                Seed = parse.GetValue(seed),
                Methods = List(parse.GetValue(methods)!),
            };
            foreach (var task in settings.Tasks)
            {
                if (!EditTasks.IsUnseen(task)) throw new ArgumentException($"--tasks: '{task}' is not an unseen task ({string.Join(", ", EditTasks.Unseen)}).");
            }
            EmuEdit.Model.TorchRuntime.Initialise();
            var results = new FewShotExperiment(settings, Console.WriteLine).Run();
            var command = "emuedit " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            // The model as the command named it, so a committed report carries no machine-specific path.
            var named = parse.GetValue(model)!.ToString();
            var report = new FewShotReport(command, named, DateTimeOffset.UtcNow, settings with { ModelFolder = named }, results);
            Write(parse.GetValue(json)!, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Write(parse.GetValue(markdown)!, FewShotMarkdown.Render(report));
            var png = parse.GetValue(plot)!;
            Directory.CreateDirectory(png.DirectoryName!);
            FewShotPlot.Render(report).SavePng(png.FullName);
            Console.WriteLine($"wrote {parse.GetValue(json)!.FullName}, {parse.GetValue(markdown)!.FullName} and {png.FullName}");
            return 0;
        }));
        return cmd;
    }

    private static List<string> List(string value) => [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void Write(FileInfo file, string text)
    {
        Directory.CreateDirectory(file.DirectoryName!);
        File.WriteAllText(file.FullName, text);
    }
}
