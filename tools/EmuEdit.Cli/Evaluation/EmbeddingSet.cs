using EmuEdit.Tokenization;
using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Onnx;
using EmuEdit.Evaluation.Reporting;
using EmuEdit.Evaluation.Running;

namespace EmuEdit.Cli.Evaluation;

/// <summary>The encoders an evaluation was given, opened once and cached per image; disposes the ONNX sessions.</summary>
public sealed class EmbeddingSet : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public EmbeddingSet(EvalRequest request)
    {
        try
        {
            if (!request.SkipFeatureSimilarity) Feature = Cache(Own(new ResNet18Embedder(ResNet18Embedder.DefaultDirectory)));
            if (request.ClipImage is not null) ClipImage = Cache(Own(new OnnxImageEmbedder(request.ClipImage, OnnxImageEmbedderOptions.Clip)));
            if (request.ClipText is not null)
            {
                var tokenizer = ClipBpeTokenizer.FromFolder(request.ClipTokenizer ?? Path.GetDirectoryName(Path.GetFullPath(request.ClipText))!);
                // CLIP's own exports pad with the end token.
                ClipText = Own(new OnnxTextEmbedder(request.ClipText, tokenizer, new OnnxTextEmbedderOptions { PadToken = tokenizer.EndToken }));
            }
            if (request.Dino is not null) Dino = Cache(Own(new OnnxImageEmbedder(request.Dino, OnnxImageEmbedderOptions.Dino)));
            if (ClipText is not null && ClipImage is null)
                throw new ArgumentException("--clip-text needs --clip-image: CLIP_dir and CLIP_out compare text with image embeddings.");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IImageEmbedder? Feature { get; }
    public IImageEmbedder? ClipImage { get; }
    public ITextEmbedder? ClipText { get; }
    public IImageEmbedder? Dino { get; }

    public EmbeddingScorer Scorer() => new(Feature, ClipImage, ClipText, Dino);

    public EncoderNames Names() => new()
    {
        Feature = Feature?.Name,
        ClipImage = ClipImage?.Name,
        ClipText = (ClipText as OnnxTextEmbedder)?.Name,
        Dino = Dino?.Name,
    };

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
        _owned.Clear();
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static IImageEmbedder Cache(IImageEmbedder inner) => new CachingImageEmbedder(inner);
}
