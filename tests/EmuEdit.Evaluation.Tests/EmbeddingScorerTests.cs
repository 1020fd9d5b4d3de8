namespace EmuEdit.Evaluation.Tests;

public class EmbeddingScorerTests
{
    /// <summary>A known encoder: the mean of each channel, so every similarity can be computed by hand.</summary>
    private sealed class MeanColour : IImageEmbedder
    {
        public string Name => "mean-colour";

        public float[] Embed(PlanarImage image)
        {
            var n = image.PixelCount;
            return Enumerable.Range(0, 3).Select(c => image.Pixels.Skip(c * n).Take(n).Average()).ToArray();
        }
    }

    /// <summary>Maps a caption to a fixed colour vector in the same space.</summary>
    private sealed class CaptionColour : ITextEmbedder
    {
        public float[] Embed(string text) => text switch
        {
            "red" => new[] { 1f, 0f, 0f },
            "green" => new[] { 0f, 1f, 0f },
            _ => new[] { 0f, 0f, 0f },
        };
    }

    private static PlanarImage Solid(float r, float g, float b)
    {
        var p = new float[12];
        for (var i = 0; i < 4; i++) { p[i] = r; p[4 + i] = g; p[8 + i] = b; }
        return new PlanarImage(p, 2, 2);
    }

    [Fact]
    public void ClipFormulasMatchHandComputedValues()
    {
        var encoder = new MeanColour();
        var scorer = new EmbeddingScorer(feature: encoder, clipImage: encoder, clipText: new CaptionColour(), dino: encoder);
        var red = Solid(1, 0, 0);
        var green = Solid(0, 1, 0);
        var halfGreen = Solid(0.5f, 0.5f, 0);

        var s = scorer.Score(red, halfGreen, green, "red", "green");

        // CLIP_dir on unit embeddings: image change (1/√2 - 1, 1/√2, 0), at 112.5°, vs caption change (-1, 1, 0),
        // at 135°: cos 22.5°. (Without the scaling the two changes would be parallel, cosine 1.)
        Assert.Equal(Math.Cos(Math.PI / 8), s.ClipDirection!.Value, 6);
        // CLIP_im: cos((1,0,0), (0.5,0.5,0)) = 1/sqrt(2).
        Assert.Equal(1 / Math.Sqrt(2), s.ClipImage!.Value, 6);
        // CLIP_out: cos((0.5,0.5,0), (0,1,0)) = 1/sqrt(2).
        Assert.Equal(1 / Math.Sqrt(2), s.ClipOutput!.Value, 6);
        Assert.Equal(1 / Math.Sqrt(2), s.Dino!.Value, 6);
        Assert.Equal(1 / Math.Sqrt(2), s.FeatureOutputTarget!.Value, 6);
    }

    [Fact]
    public void MissingEncodersGiveNoScores()
    {
        var s = new EmbeddingScorer().Score(Solid(1, 0, 0), Solid(0, 1, 0), Solid(0, 1, 0), "a", "b");
        Assert.Null(s.ClipDirection);
        Assert.Null(s.FeatureInputOutput);
        Assert.Null(s.Dino);
    }

    [Fact]
    public void CosineOfOppositeVectorsIsMinusOne()
    {
        Assert.Equal(-1.0, EmbeddingSimilarity.Cosine(new[] { 1f, 2f }, new[] { -1f, -2f }), 6);
        Assert.Equal(0.0, EmbeddingSimilarity.Cosine(new[] { 0f, 0f }, new[] { 1f, 2f }));
    }
}
