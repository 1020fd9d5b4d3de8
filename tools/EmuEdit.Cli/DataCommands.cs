using System.CommandLine;
using System.Diagnostics;
using EmuEdit.Data.Generation;
using EmuEdit.Data.Preview;
using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Cli;

/// <summary>`emuedit data ...`: generate datasets, write the fixed benchmark, draw contact sheets, measure the generator.</summary>
public static class DataCommands
{
    public static Command Create()
    {
        var data = new Command("data", "Procedural multi-task editing data (paper §3).");
        data.Subcommands.Add(Generate());
        data.Subcommands.Add(Benchmark());
        data.Subcommands.Add(Show());
        data.Subcommands.Add(Stats());
        data.Subcommands.Add(Check());
        return data;
    }

    private static Option<int> SizeOption() => new("--size") { Description = "Image side in pixels.", DefaultValueFactory = _ => 64 };

    private static Option<string[]> TasksOption(string defaultHelp) => new("--tasks")
    {
        Description = $"Comma- or space-separated task names ({defaultHelp}). Known: {string.Join(", ", EditTasks.All)}.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static IReadOnlyList<string> ParseTasks(string[]? given, IReadOnlyList<string> fallback)
    {
        if (given is null || given.Length == 0) return fallback;
        var tasks = given.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var t in tasks)
            if (!EditTasks.IsKnown(t)) throw new ArgumentException($"unknown task '{t}' (known: {string.Join(", ", EditTasks.All)})");
        return tasks;
    }

    private static Command Generate()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory.", Required = true };
        var perTask = new Option<int>("--per-task") { Description = "Examples per task.", DefaultValueFactory = _ => 100 };
        var split = new Option<Split>("--split") { Description = "train, validation, benchmark or fewshot.", DefaultValueFactory = _ => Split.Train };
        var seed = new Option<long>("--seed") { Description = "First seed; example i of a task uses seed + i.", DefaultValueFactory = _ => 0 };
        var tasks = TasksOption("default: the 16 trained tasks");
        var size = SizeOption();
        var cmd = new Command("generate", "Write PNG images and OUT/SPLIT/manifest.jsonl for one split.") { output, perTask, split, seed, tasks, size };
        cmd.SetAction(parse => Guarded(() =>
        {
            var generator = new ExampleGenerator(new GeneratorOptions().WithSize(parse.GetValue(size), parse.GetValue(size)));
            var names = ParseTasks(parse.GetValue(tasks), EditTasks.Trained);
            var sp = parse.GetValue(split);
            // One folder per split, like the benchmark's, so several splits can share --out.
            var dir = Path.Combine(parse.GetValue(output)!.FullName, sp.ToString().ToLowerInvariant());
            var sw = Stopwatch.StartNew();
            int written = DatasetWriter.Write(dir, generator, names, sp, parse.GetValue(seed), parse.GetValue(perTask));
            Console.WriteLine($"wrote {written} examples to {dir} in {sw.Elapsed.TotalSeconds:F1} s");
            PrintStats(generator.Stats);
            return 0;
        }));
        return cmd;
    }

    private static Command Benchmark()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory.", Required = true };
        var perTask = new Option<int>("--per-task") { Description = "Examples per task.", DefaultValueFactory = _ => BenchmarkSet.DefaultPerTask };
        var size = SizeOption();
        var cmd = new Command("benchmark", "Write the fixed evaluation set (held-out phrasings, fixed seeds disjoint from training).") { output, perTask, size };
        cmd.SetAction(parse => Guarded(() =>
        {
            var generator = new ExampleGenerator(new GeneratorOptions().WithSize(parse.GetValue(size), parse.GetValue(size)));
            var dir = parse.GetValue(output)!.FullName;
            int written = BenchmarkSet.Write(dir, generator, parse.GetValue(perTask));
            Console.WriteLine($"wrote {written} benchmark examples to {dir}");
            return 0;
        }));
        return cmd;
    }

    private static Command Show()
    {
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the examples shown.", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--per-task") { Description = "Rows per task.", DefaultValueFactory = _ => 1 };
        var split = new Option<Split>("--split") { Description = "Split to draw from.", DefaultValueFactory = _ => Split.FewShot };
        var tasks = TasksOption("default: all 16 trained and 4 unseen tasks");
        var size = SizeOption();
        var cmd = new Command("show", "Write a contact sheet: per task, input | target | mask with the instruction.") { output, seed, count, split, tasks, size };
        cmd.SetAction(parse => Guarded(() =>
        {
            var generator = new ExampleGenerator(new GeneratorOptions().WithSize(parse.GetValue(size), parse.GetValue(size)));
            var names = ParseTasks(parse.GetValue(tasks), EditTasks.All);
            var sp = parse.GetValue(split);
            var examples = names.SelectMany(t => Enumerable.Range(0, parse.GetValue(count))
                .Select(i => generator.Generate(t, parse.GetValue(seed) + i, sp))).ToList();
            var path = parse.GetValue(output)!.FullName;
            int scale = Math.Max(1, 128 / parse.GetValue(size));
            ContactSheet.Render(examples, scale).SavePng(path);
            Console.WriteLine($"wrote {path} ({examples.Count} examples)");
            return 0;
        }));
        return cmd;
    }

    private static Command Stats()
    {
        var perTask = new Option<int>("--per-task") { Description = "Examples per task.", DefaultValueFactory = _ => 200 };
        var tasks = TasksOption("default: all tasks");
        var size = SizeOption();
        var cmd = new Command("stats", "Measure generation speed (examples/s, one thread) and rejection rates per task.") { perTask, tasks, size };
        cmd.SetAction(parse => Guarded(() =>
        {
            var generator = new ExampleGenerator(new GeneratorOptions().WithSize(parse.GetValue(size), parse.GetValue(size)));
            var names = ParseTasks(parse.GetValue(tasks), EditTasks.All);
            int n = parse.GetValue(perTask);
            Console.WriteLine($"{"task",-20} {"ex/s",8} {"reject",7}  reasons");
            var total = Stopwatch.StartNew();
            foreach (var t in names)
            {
                var sw = Stopwatch.StartNew();
                var sp = EditTasks.IsUnseen(t) ? Split.FewShot : Split.Train;
                for (int i = 0; i < n; i++) generator.Generate(t, i, sp);
                double rate = n / sw.Elapsed.TotalSeconds;
                var s = generator.Stats.Snapshot().First(x => x.Task == t);
                var reasons = string.Join(", ", s.Rejected.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}"));
                Console.WriteLine($"{t,-20} {rate,8:F0} {s.RejectionRate,7:P0}  {reasons}");
            }
            Console.WriteLine($"overall: {names.Count * n / total.Elapsed.TotalSeconds:F0} examples/s");
            return 0;
        }));
        return cmd;
    }

    private static Command Check()
    {
        var manifest = new Argument<FileInfo>("manifest") { Description = "A manifest.jsonl (ours or a user's real dataset)." };
        var cmd = new Command("check", "Validate a JSON-lines manifest and report every malformed line.") { manifest };
        cmd.SetAction(parse => Guarded(() =>
        {
            var path = parse.GetValue(manifest)!.FullName;
            var result = ManifestReader.Validate(path);
            foreach (var error in result.Errors) Console.Error.WriteLine(error);
            Console.WriteLine($"{result.Records.Count} valid records, {result.Errors.Count} errors");
            return result.Errors.Count == 0 ? 0 : 1;
        }));
        return cmd;
    }

    /// <summary>Bad arguments (an unknown task, an unseen task in the train split) end with one clear line, not a stack trace.</summary>
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or ManifestException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static void PrintStats(GenerationStats stats)
    {
        foreach (var s in stats.Snapshot())
            Console.WriteLine($"  {s.Task,-20} attempts {s.Attempts,6}  rejected {s.RejectionRate,5:P0}");
    }
}
