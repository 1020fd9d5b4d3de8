using System.Runtime.CompilerServices;

namespace EmuEdit.Evaluation.Running;

/// <summary>
/// Remembers embeddings per image object. Every variant of a run scores against the same input and
/// target images, so their embeddings are computed once instead of once per variant.
/// </summary>
public sealed class CachingImageEmbedder(IImageEmbedder inner) : IImageEmbedder
{
    private readonly ConditionalWeakTable<PlanarImage, float[]> _cache = new();

    public string Name => inner.Name;

    public float[] Embed(PlanarImage image) => _cache.GetValue(image, inner.Embed);
}
