namespace EmuEdit.Evaluation;

/// <summary>
/// Computes the encoder-based metrics with whichever encoders were supplied: a feature encoder
/// (ResNet-18 ships with the project), and optional CLIP image + text towers and DINO that a user
/// points the evaluator at.
/// </summary>
public sealed class EmbeddingScorer(
    IImageEmbedder? feature = null,
    IImageEmbedder? clipImage = null,
    ITextEmbedder? clipText = null,
    IImageEmbedder? dino = null)
{
    public EmbeddingScores Score(PlanarImage input, PlanarImage output, PlanarImage target, string inputCaption, string outputCaption)
    {
        double? featureIo = null, featureOt = null, clipDir = null, clipIm = null, clipOut = null, dinoSim = null;
        if (feature is not null)
        {
            var fo = feature.Embed(output);
            featureIo = EmbeddingSimilarity.Cosine(feature.Embed(input), fo);
            featureOt = EmbeddingSimilarity.Cosine(fo, feature.Embed(target));
        }
        if (clipImage is not null)
        {
            var ii = clipImage.Embed(input);
            var io = clipImage.Embed(output);
            clipIm = EmbeddingSimilarity.Cosine(ii, io);
            if (clipText is not null)
            {
                var to = clipText.Embed(outputCaption);
                clipOut = EmbeddingSimilarity.Cosine(io, to);
                clipDir = EmbeddingSimilarity.Direction(ii, io, clipText.Embed(inputCaption), to);
            }
        }
        if (dino is not null)
        {
            dinoSim = EmbeddingSimilarity.Cosine(dino.Embed(input), dino.Embed(output));
        }
        return new EmbeddingScores
        {
            FeatureInputOutput = featureIo,
            FeatureOutputTarget = featureOt,
            ClipDirection = clipDir,
            ClipImage = clipIm,
            ClipOutput = clipOut,
            Dino = dinoSim,
        };
    }
}
