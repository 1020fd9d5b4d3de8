using System.CommandLine;
using System.Text.Json;
using EmuEdit.Cli.Bench;

namespace EmuEdit.Cli;

/// <summary>`emuedit bench ...`: measurements of this machine, written as Markdown and JSON.</summary>
public static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the model: speed on this machine, few-shot learning of unseen tasks.");
        bench.Subcommands.Add(Model());
        bench.Subcommands.Add(FewShotCommand.Create());
        return bench;
    }

    private static Command Model()
    {
        var preset = new Option<string>("--preset") { Description = "Preset whose speed is measured.", DefaultValueFactory = _ => "tiny" };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs per operation.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs first.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "LibTorch threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var markdown = new Option<FileInfo>("--markdown") { Description = "Markdown table to write.", DefaultValueFactory = _ => new FileInfo("bench/model.md") };
        var json = new Option<FileInfo>("--json") { Description = "JSON results to write.", DefaultValueFactory = _ => new FileInfo("bench/results/model.json") };
        var cmd = new Command("model", "Parameter counts of every preset; train step, guided sampling step and autoencoder timings of one preset (median, p95).")
        {
            preset, iterations, warmup, threads, markdown, json,
        };
        cmd.SetAction(parse => CliErrors.Guarded(() =>
        {
            var options = new ModelBenchOptions
            {
                Preset = parse.GetValue(preset)!,
                Iterations = parse.GetValue(iterations),
                Warmup = parse.GetValue(warmup),
                Threads = parse.GetValue(threads),
            };
            var command = "emuedit bench model " + string.Join(' ', parse.Tokens.Select(t => t.Value).SkipWhile(v => v is "bench" or "model"));
            var report = new ModelBenchmark(options, Console.WriteLine).Run(command.TrimEnd());
            var md = parse.GetValue(markdown)!.FullName;
            var js = parse.GetValue(json)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(md)!);
            Directory.CreateDirectory(Path.GetDirectoryName(js)!);
            File.WriteAllText(md, ModelBenchMarkdown.Render(report));
            File.WriteAllText(js, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"wrote {md} and {js}");
            return 0;
        }));
        return cmd;
    }
}
