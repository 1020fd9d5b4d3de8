using System.Text.Json;
using EmuEdit.Data.Tasks;
using SixLabors.ImageSharp;

namespace EmuEdit.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public class FewShotCommandTests(TinyModel tiny)
{
    [Fact]
    public void RunsEveryMethodPerTaskAndCountAndWritesTableJsonAndPlot()
    {
        var outDir = Path.Combine(tiny.Root, "fewshot");
        string json = Path.Combine(outDir, "fewshot.json"), markdown = Path.Combine(outDir, "fewshot.md"), plot = Path.Combine(outDir, "fewshot.png");
        var (code, stdout, stderr) = ConsoleCapture.Run(FewShotCommand.Create(),
            "--model", tiny.ModelFolder, "--tasks", $"{EditTasks.Contour},{EditTasks.SuperResolution}", "--counts", "1,2", "--held-out", "2",
            "--inversion-steps", "2", "--finetune-steps", "2", "--sampler-steps", "2", "--batch-size", "2",
            "--json", json, "--markdown", markdown, "--plot", plot);
        Assert.True(code == 0, stderr);
        Assert.Contains("contour, 2 examples: inversion success", stdout);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var results = doc.RootElement.GetProperty("Results").EnumerateArray().ToList();
        Assert.Equal(2 * 2 * 3, results.Count);
        foreach (var method in new[] { "zero-shot", "inversion", "finetune" })
            Assert.Equal(4, results.Count(r => r.GetProperty("Method").GetString() == method));
        Assert.All(results, r => Assert.InRange(r.GetProperty("SuccessRate").GetDouble(), 0, 1));
        Assert.All(results, r => Assert.Equal(2, r.GetProperty("HeldOut").GetInt32()));
        Assert.Contains("| examples | zero-shot | inversion | finetune |", File.ReadAllText(markdown));
        var size = Image.Identify(plot);
        Assert.Equal(2 * 300, size.Width);
    }

    [Fact]
    public void A_trained_task_is_refused()
    {
        var (code, _, stderr) = ConsoleCapture.Run(FewShotCommand.Create(), "--model", tiny.ModelFolder, "--tasks", EditTasks.Remove);
        Assert.Equal(CliErrors.UsageError, code);
        Assert.Contains("not an unseen task", stderr);
    }
}
