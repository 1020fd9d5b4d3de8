namespace EmuEdit.Evaluation;

/// <summary>An image encoder whose embeddings are compared by cosine similarity (ResNet-18, CLIP image tower, DINO).</summary>
public interface IImageEmbedder
{
    string Name { get; }

    float[] Embed(PlanarImage image);
}
