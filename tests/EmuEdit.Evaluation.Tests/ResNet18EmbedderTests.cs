namespace EmuEdit.Evaluation.Tests;

public sealed class ResNet18EmbedderTests : IDisposable
{
    private readonly ResNet18Embedder _embedder = new(ResNet18Embedder.DefaultDirectory);

    private static PlanarImage Pattern(int seed, int size = 64)
    {
        var rng = new Random(seed);
        var p = new float[3 * size * size];
        // Smooth blobs rather than white noise: closer to what the encoder was trained on.
        var cx = rng.Next(size); var cy = rng.Next(size); var r = rng.Next(8, 24);
        var colour = new[] { (float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble() };
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
            for (var c = 0; c < 3; c++) p[(c * size + y) * size + x] = inside ? colour[c] : 0.5f + 0.3f * (float)Math.Sin((x + y * c) / 7.0);
        }
        return new PlanarImage(p, size, size);
    }

    [Fact]
    public void GivesA512ValueEmbedding()
    {
        Assert.Equal(512, _embedder.Embed(Pattern(1)).Length);
    }

    [Fact]
    public void AnImageIsMostSimilarToItselfAndToASlightlyChangedCopy()
    {
        var a = Pattern(1);
        var slightly = new PlanarImage(a.Pixels.Select(v => Math.Clamp(v + 0.01f, 0f, 1f)).ToArray(), 64, 64);
        var other = Pattern(7);
        var ea = _embedder.Embed(a);
        Assert.Equal(1.0, EmbeddingSimilarity.Cosine(ea, _embedder.Embed(a)), 5);
        var near = EmbeddingSimilarity.Cosine(ea, _embedder.Embed(slightly));
        var far = EmbeddingSimilarity.Cosine(ea, _embedder.Embed(other));
        Assert.True(near > far, $"near {near} should exceed far {far}");
        Assert.True(near > 0.95, $"near {near}");
    }

    [Fact]
    public void AMissingDirectoryFailsNamingTheFile()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new ResNet18Embedder("/nonexistent-encoders"));
        Assert.Contains("ResNetPreprocess.onnx", e.Message);
    }

    public void Dispose() => _embedder.Dispose();
}
