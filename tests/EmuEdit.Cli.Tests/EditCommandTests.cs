using EmuEdit.Data.Imaging;

namespace EmuEdit.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public class EditCommandTests(TinyModel tiny)
{
    [Fact]
    public void EditsAnImageOfAnotherSizeAndKeepsItsSize()
    {
        // 40x24: not the model's 32x32, so the engine's resize to the model and back is exercised.
        var input = new RgbImage(40, 24, new Rgb(0.2f, 0.5f, 0.8f));
        Canvas.FillRect(input, 5, 5, 15, 15, new Rgb(1, 0, 0));
        var inPath = Path.Combine(tiny.Root, "edit-in.png");
        var outPath = Path.Combine(tiny.Root, "edit-out", "out.png");
        input.SavePng(inPath);

        var (code, stdout, stderr) = ConsoleCapture.Run(EditCommand.Create(),
            "--model", tiny.ModelFolder, "--image", inPath, "--instruction", "remove the red square", "-o", outPath, "--steps", "3", "--seed", "5");

        Assert.True(code == 0, stderr);
        Assert.Matches(@"predicted task: \w+ \(p = 0\.\d{3}\)", stdout);
        var output = RgbImage.LoadPng(outPath);
        Assert.Equal((40, 24), (output.Width, output.Height));
    }

    [Fact]
    public void NamedTaskIsUsedAndThePredictionStillPrinted()
    {
        var inPath = Path.Combine(tiny.Root, "edit-in2.png");
        new RgbImage(32, 32, new Rgb(0.5f, 0.5f, 0.5f)).SavePng(inPath);
        var outPath = Path.Combine(tiny.Root, "edit-out2.png");
        var (code, stdout, stderr) = ConsoleCapture.Run(EditCommand.Create(),
            "--model", tiny.ModelFolder, "--image", inPath, "--instruction", "make it look like winter", "-o", outPath,
            "--task", "global", "--steps", "2", "--seed", "1", "--image-guidance", "1.0", "--text-guidance", "3.0");
        Assert.True(code == 0, stderr);
        Assert.Contains("task: global (given)", stdout);
        Assert.True(File.Exists(outPath));
    }

    [Fact]
    public void UnknownTaskAndMissingImageEndWithOneErrorLine()
    {
        var inPath = Path.Combine(tiny.Root, "edit-in3.png");
        new RgbImage(32, 32, new Rgb(0.5f, 0.5f, 0.5f)).SavePng(inPath);
        var (code, _, stderr) = ConsoleCapture.Run(EditCommand.Create(),
            "--model", tiny.ModelFolder, "--image", inPath, "--instruction", "x", "-o", Path.Combine(tiny.Root, "no.png"), "--task", "paint", "--steps", "1");
        Assert.Equal(2, code);
        Assert.StartsWith("error:", stderr);
        Assert.Contains("paint", stderr);

        (code, _, stderr) = ConsoleCapture.Run(EditCommand.Create(),
            "--model", tiny.ModelFolder, "--image", Path.Combine(tiny.Root, "missing.png"), "--instruction", "x", "-o", Path.Combine(tiny.Root, "no.png"));
        Assert.Equal(2, code);
        Assert.Contains("missing.png", stderr);
    }
}
