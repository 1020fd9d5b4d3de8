using EmuEdit.Tokenization;
using EmuEdit.Evaluation.Onnx;
using EmuEdit.Model;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using static TorchSharp.torch;

namespace EmuEdit.Evaluation.Tests;

public sealed class OnnxEmbedderTests : IDisposable
{
    private const int Side = 8;
    private readonly string _dir;

    public OnnxEmbedderTests()
    {
        TorchRuntime.Initialise();
        manual_seed(7);
        _dir = Path.Combine(Path.GetTempPath(), "emuedit-eval-onnx-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static PlanarImage Ramp(int side)
    {
        var pixels = new float[3 * side * side];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = i % 17 / 16f;
        return new PlanarImage(pixels, side, side);
    }

    [Fact]
    public void ImageEmbedderNormalisesAndMatchesTheTorchForward()
    {
        using var module = new OnnxTestModules.PooledConv();
        var path = Path.Combine(_dir, "image.onnx");
        OnnxExporter.Export(module, [OnnxTensorSpec.Float("pixel_values", 1, 3, Side, Side)], [OnnxTensorSpec.Float("image_embeds", 1, 4)], path);
        var options = OnnxImageEmbedderOptions.Clip;
        using var embedder = new OnnxImageEmbedder(path, options);
        Assert.Equal(Side, embedder.Side); // read from the graph, not the options' 224

        var image = Ramp(Side);
        var normalised = (float[])image.Pixels.Clone();
        for (var c = 0; c < 3; c++)
            for (var i = c * Side * Side; i < (c + 1) * Side * Side; i++) normalised[i] = (normalised[i] - options.Mean[c]) / options.Std[c];
        using var x = tensor(normalised, [1, 3, Side, Side]);
        using var expected = module.forward(x);

        var actual = embedder.Embed(image);
        var want = expected.data<float>().ToArray();
        Assert.Equal(4, actual.Length);
        for (var i = 0; i < 4; i++) Assert.Equal(want[i], actual[i], 4);
    }

    [Fact]
    public void ImageEmbedderResizesToASymbolicSideFromOptions()
    {
        using var module = new OnnxTestModules.PooledConv();
        var path = Path.Combine(_dir, "image-dyn.onnx");
        OnnxExporter.Export(module, [OnnxTensorSpec.Float("x", 1, 3, "H", "W")], [OnnxTensorSpec.Float("y", 1, 4)], path);
        using var embedder = new OnnxImageEmbedder(path, OnnxImageEmbedderOptions.Dino with { ImageSize = 16 });
        Assert.Equal(16, embedder.Side);
        Assert.Equal(4, embedder.Embed(Ramp(Side)).Length);
    }

    [Fact]
    public void ImageEmbedderRefusesAGraphThatIsNotAnImageEncoder()
    {
        using var module = new OnnxTestModules.TokenStates(8, 4);
        var path = Path.Combine(_dir, "text-as-image.onnx");
        OnnxExporter.Export(module, [OnnxTensorSpec.Int64("ids", 1, "L")], [OnnxTensorSpec.Float("h", 1, "L", 4)], path);
        var e = Assert.Throws<InvalidDataException>(() => new OnnxImageEmbedder(path, OnnxImageEmbedderOptions.Clip));
        Assert.Contains("[1,3,S,S]", e.Message);
    }

    /// <summary>Maps each word to a fixed id: "red" 3, "blue" 4, anything else 5; start 1, end 2.</summary>
    private sealed class WordIds : ITextTokenizer
    {
        public int StartToken => 1;
        public int EndToken => 2;

        public IReadOnlyList<int> Encode(string text) =>
            text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w switch { "red" => 3, "blue" => 4, _ => 5 }).ToList();
    }

    [Fact]
    public void TextEmbedderTakesTheEndTokenRowOfTokenStates()
    {
        using var module = new OnnxTestModules.TokenStates(8, 4);
        var path = Path.Combine(_dir, "text.onnx");
        OnnxExporter.Export(module, [OnnxTensorSpec.Int64("input_ids", 1, 6)], [OnnxTensorSpec.Float("last_hidden_state", 1, 6, 4)], path);
        using var embedder = new OnnxTextEmbedder(path, new WordIds(), new OnnxTextEmbedderOptions());
        Assert.Equal(6, embedder.ContextLength);

        var (ids, mask, end) = embedder.Tokens("red blue");
        Assert.Equal(new long[] { 1, 3, 4, 2, 0, 0 }, ids);
        Assert.Equal(new long[] { 1, 1, 1, 1, 0, 0 }, mask);
        Assert.Equal(3, end);
        // Too long: cut, and the end token still closes the sequence.
        Assert.Equal(new long[] { 1, 3, 3, 3, 3, 2 }, embedder.Tokens("red red red red red red red").Ids);

        using var endRow = module.Row(2);
        Assert.Equal(endRow.data<float>().ToArray(), embedder.Embed("red blue"));
    }

    [Fact]
    public void TextEmbedderReadsAPooledOutputAndFeedsAMaskInput()
    {
        using var module = new OnnxTestModules.MeanOfTokens(8, 4);
        var path = Path.Combine(_dir, "text-pooled.onnx");
        // The second input is the attention mask; this graph ignores it, but it must be fed.
        OnnxExporter.Export(module, [OnnxTensorSpec.Int64("input_ids", 1, "L"), OnnxTensorSpec.Int64("attention_mask", 1, "L")],
            [OnnxTensorSpec.Float("text_embeds", 1, 4)], path);
        using var embedder = new OnnxTextEmbedder(path, new WordIds(), new OnnxTextEmbedderOptions { ContextLength = 5, PadToken = 2 });
        Assert.Equal(5, embedder.ContextLength);
        using var ids = tensor(new long[] { 1, 4, 2, 2, 2 }, [1, 5]);
        using var expected = module.forward(ids);
        var want = expected.data<float>().ToArray();
        var actual = embedder.Embed("blue");
        for (var i = 0; i < 4; i++) Assert.Equal(want[i], actual[i], 5);
    }

    [Fact]
    public void ClipTokenizerAppliesMergesWithEndOfWordMarkers()
    {
        File.WriteAllText(Path.Combine(_dir, ClipBpeTokenizer.VocabularyFile),
            """{"<|startoftext|>": 10, "<|endoftext|>": 11, "r": 0, "e": 1, "d": 2, "d</w>": 3, "re": 4, "red</w>": 5, "a</w>": 6, "!</w>": 7}""");
        File.WriteAllText(Path.Combine(_dir, ClipBpeTokenizer.MergesFile), "#version: 0.2\nr e\nre d</w>\n");
        var tokenizer = ClipBpeTokenizer.FromFolder(_dir);
        Assert.Equal(10, tokenizer.StartToken);
        Assert.Equal(11, tokenizer.EndToken);
        Assert.Equal(new[] { 5, 6, 7 }, tokenizer.Encode("  RED   a!"));
    }
}
