using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Imaging;
using EmuEdit.Pipeline.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Pipeline.Tests.Engine;

public sealed class EditEngineTests(ModelFolderFixture fixture) : IClassFixture<ModelFolderFixture>
{
    private const int Steps = 4;

    private EditEngine Load() => InProcessEditEngine.Load(fixture.Model.Path);

    private static EditInput Input(string id, ulong seed, string instruction = "remove the red circle", byte[]? image = null) =>
        new(id, image ?? TestImages.Gradient(), instruction) { Seed = seed, Steps = Steps };

    [Fact]
    public async Task TheSameSeedGivesTheSameImageAndAnotherSeedAnother()
    {
        using var engine = Load();
        var a = await engine.RunAsync(Input("a", 11));
        var b = await engine.RunAsync(Input("b", 11));
        var c = await engine.RunAsync(Input("c", 12));
        Assert.Equal(a.Image, b.Image);
        Assert.NotEqual(a.Image, c.Image);
        Assert.Equal((40, 24), TestImages.SizeOf(a.Image));
        Assert.Equal((40, 24), (a.Width, a.Height));
        Assert.Equal("remove", a.Task);
        Assert.InRange(a.TaskProbability, 0.01f, 1f);
        Assert.Equal(11ul, a.Seed);
        Assert.Equal(Steps, a.Steps);
    }

    [Fact]
    public async Task JobsBatchedTogetherGiveTheSameImagesAsEachAlone()
    {
        using var engine = Load();
        var inputs = new[]
        {
            Input("first", 21),
            Input("second", 22, "change the background to a beach", TestImages.Gradient(32, 48, shift: 50)) with { Steps = Steps + 2 },
            Input("third", 23, "add a green circle"),
        };
        var batched = await engine.RunAsync(inputs);
        for (var i = 0; i < inputs.Length; i++) ImageAssert.Close((await engine.RunAsync(inputs[i])).Image, batched[i].Image);
    }

    [Fact]
    public async Task ANewJobJoinsBetweenSteps()
    {
        using var engine = Load();
        var expected = await engine.RunAsync(Input("late", 31));
        using var early = await engine.StartAsync(Input("early", 32) with { Steps = Steps * 2 });
        engine.Step([early]);
        engine.Step([early]);
        using var late = await engine.StartAsync(Input("late", 31));
        while (late.IsActive) Assert.Equal(2, engine.Step([early, late]).Count);
        Assert.Equal(2, late.MaxBatchSize);
        var output = await engine.FinishAsync(late);
        ImageAssert.Close(expected.Image, output.Image);
    }

    [Fact]
    public async Task ProgressReportsEveryStepAndPreviewsEveryK()
    {
        using var engine = Load();
        var seen = new List<EditProgress>();
        await engine.RunAsync(Input("p", 41) with { PreviewEvery = 2 }, (p, _) => { seen.Add(p); return ValueTask.CompletedTask; });
        Assert.Equal(Enumerable.Range(1, Steps), seen.Select(p => p.Step));
        Assert.All(seen, p => Assert.Equal(Steps, p.TotalSteps));
        Assert.Equal([false, true, false, true], seen.Select(p => p.PreviewPng is not null));
        var (w, h) = TestImages.SizeOf(seen[1].PreviewPng!);
        Assert.Equal(engine.Options.PreviewSize, Math.Max(w, h));
    }

    [Fact]
    public async Task ANamedTaskIsUsedWithProbabilityOne()
    {
        using var engine = Load();
        var output = await engine.RunAsync(Input("t", 51) with { Task = "style", OutputFormat = Contracts.V1.ImageFormat.Jpeg });
        Assert.Equal("style", output.Task);
        Assert.Equal(1f, output.TaskProbability);
        Assert.Equal(0xFF, output.Image[0]);
        Assert.Equal(0xD8, output.Image[1]);
    }

    [Fact]
    public async Task ASessionTurnKeepsPixelsTheEditBarelyChanged()
    {
        using var engine = Load();
        var input = TestImages.Gradient();
        var plain = await engine.RunAsync(Input("s", 61, image: input) with { Threshold = 0 });
        // Alpha 1, above any change but a full black-white flip of a whole neighbourhood: every pixel is kept from the previous image.
        var kept = await engine.RunAsync(Input("s", 61, image: input) with { IsSessionTurn = true, Threshold = 1.0 });
        Assert.NotEqual(plain.Image, kept.Image);
        Assert.Equal(input, kept.Image);
    }

    [Fact]
    public async Task EveryPixelOfAThresholdedEditIsTheInputsOrTheDecodersAndTheInputsAtItsOwnSize()
    {
        using var engine = Load();
        var input = TestImages.Gradient();
        var raw = await engine.RunAsync(Input("r", 71, image: input) with { Threshold = 0 });
        var kept = await engine.RunAsync(Input("r", 71, image: input));
        Assert.True(engine.Options.ThresholdEdits);
        using var inputImage = Image.Load<Rgb24>(input);
        using var rawImage = Image.Load<Rgb24>(raw.Image);
        using var keptImage = Image.Load<Rgb24>(kept.Image);
        int fromInput = 0, fromDecoder = 0;
        for (var y = 0; y < keptImage.Height; y++)
            for (var x = 0; x < keptImage.Width; x++)
            {
                var pixel = keptImage[x, y];
                if (pixel.Equals(inputImage[x, y])) fromInput++;
                else if (pixel.Equals(rawImage[x, y])) fromDecoder++;
                else Assert.Fail($"pixel ({x}, {y}) {pixel} is neither the input's {inputImage[x, y]} nor the decoder's {rawImage[x, y]}");
            }
        Assert.True(fromDecoder > 0, "the untrained editor changes the image, so some pixels must be drawn by the decoder");
        // The same request with threshold 1 (above any change it makes) gives the input file's pixels back at its own size.
        var all = await engine.RunAsync(Input("r", 71, image: input) with { Threshold = 1.0 });
        Assert.Equal(input, all.Image);
    }

    [Fact]
    public async Task WithEditThresholdingOffASingleEditIsTheDecodersDrawing()
    {
        // Alpha 1 is above any change here: where it applies, the input comes back whole.
        var options = new EditEngineOptions { ThresholdEdits = false, Threshold = new() { Alpha = 1.0 } };
        using var engine = InProcessEditEngine.Load(fixture.Model.Path, options);
        using var thresholding = Load();
        var off = await engine.RunAsync(Input("o", 81));
        var raw = await thresholding.RunAsync(Input("o", 81) with { Threshold = 0 });
        Assert.Equal(raw.Image, off.Image);
        Assert.NotEqual(TestImages.Gradient(), off.Image);
        // A session turn is still thresholded with the configured alpha, and a single edit's own alpha still applies.
        var turn = await engine.RunAsync(Input("o", 81) with { IsSessionTurn = true });
        Assert.Equal(TestImages.Gradient(), turn.Image);
        var named = await engine.RunAsync(Input("o", 81) with { Threshold = 0.99 });
        Assert.Equal(TestImages.Gradient(), named.Image);
    }

    [Fact]
    public async Task UnusableRequestsAreInvalidEdits()
    {
        using var engine = Load();
        await Assert.ThrowsAsync<InvalidEditException>(() => engine.StartAsync(Input("x", 1, image: [1, 2, 3])));
        await Assert.ThrowsAsync<InvalidEditException>(() => engine.StartAsync(Input("x", 1) with { Task = "no-such-task" }));
        await Assert.ThrowsAsync<InvalidEditException>(() => engine.StartAsync(Input("x", 1) with { Steps = 0 }));
        await Assert.ThrowsAsync<InvalidEditException>(() => engine.StartAsync(Input("x", 1) with { Threshold = 1.5 }));
        await Assert.ThrowsAsync<InvalidEditException>(() => engine.StartAsync(Input("x", 1) with { Threshold = double.NaN }));
    }
}
