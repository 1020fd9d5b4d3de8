namespace EmuEdit.Evaluation.Onnx;

/// <summary>
/// How images are prepared for an ONNX image encoder: resized bilinearly to the graph's side, then
/// per channel (x - Mean) / Std on RGB in [0, 1]. The presets match the published CLIP and DINO preprocessing.
/// </summary>
public sealed record OnnxImageEmbedderOptions
{
    /// <summary>Label for reports.</summary>
    public string Name { get; init; } = "onnx-image";

    /// <summary>Side used when the graph's spatial dims are symbolic.</summary>
    public int ImageSize { get; init; } = 224;

    public float[] Mean { get; init; } = [0f, 0f, 0f];
    public float[] Std { get; init; } = [1f, 1f, 1f];

    /// <summary>Output to read; null takes the first.</summary>
    public string? OutputName { get; init; }

    /// <summary>OpenAI CLIP image tower (its own RGB statistics).</summary>
    public static OnnxImageEmbedderOptions Clip { get; } = new()
    {
        Name = "clip-image",
        Mean = [0.48145466f, 0.4578275f, 0.40821073f],
        Std = [0.26862954f, 0.26130258f, 0.27577711f],
    };

    /// <summary>DINO ViT (ImageNet statistics).</summary>
    public static OnnxImageEmbedderOptions Dino { get; } = new()
    {
        Name = "dino",
        Mean = [0.485f, 0.456f, 0.406f],
        Std = [0.229f, 0.224f, 0.225f],
    };

    public void Validate()
    {
        if (ImageSize <= 0) throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, "must be positive");
        if (Mean.Length != PlanarImage.Channels || Std.Length != PlanarImage.Channels)
            throw new ArgumentException($"Mean and Std need {PlanarImage.Channels} values each.");
        if (Std.Any(s => s <= 0)) throw new ArgumentException("Std values must be positive.", nameof(Std));
    }
}
