namespace EmuEdit.Evaluation;

/// <summary>A text encoder in the same embedding space as an <see cref="IImageEmbedder"/> (a CLIP text tower).</summary>
public interface ITextEmbedder
{
    float[] Embed(string text);
}
