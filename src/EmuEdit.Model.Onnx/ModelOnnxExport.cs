using System.Security.Cryptography;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Networks;
using EmuEdit.Model.Text;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Runtime;

namespace EmuEdit.Model.Onnx;

/// <summary>
/// Writes the graphs the ONNX services run (docs/onnx.md, "The model's graphs"): text_encoder.onnx,
/// vae_encoder.onnx and vae_decoder.onnx, built by walking the real module trees with the emitters of
/// <see cref="ModelOnnxEmitters"/>. Initializers keep the checkpoint's state_dict names.
/// </summary>
public static class ModelOnnxExport
{
    /// <summary>
    /// Exports the three graphs of the checkpoint in <paramref name="checkpointFolder"/> (beside it unless the
    /// options say otherwise); for a model with a pretrained text encoder, text_encoder.onnx is its trained head.
    /// </summary>
    public static ModelOnnxExportResult ExportAll(string checkpointFolder, ModelOnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointFolder);
        options ??= new ModelOnnxExportOptions();
        TorchRuntime.Initialise();
        var config = ModelCheckpoint.LoadConfig(checkpointFolder);
        // Loading the tokenizer checks vocab.json before any graph is written.
        var tokenizer = ModelCheckpoint.LoadTokenizer(checkpointFolder, config);
        var output = options.OutputFolder ?? checkpointFolder;
        Directory.CreateDirectory(output);

        var vocabulary = Path.Combine(output, ModelCheckpoint.VocabularyFile);
        if (!SamePath(output, checkpointFolder)) tokenizer.Save(vocabulary);

        var textPath = Path.Combine(output, OnnxModelFiles.TextEncoder);
        var textProvenance = Provenance(config.Name, checkpointFolder, ModelCheckpoint.TextEncoderWeights);
        if (config.TextEncoder.Pretrained is null)
        {
            using var encoder = ModelCheckpoint.LoadTextEncoder(checkpointFolder);
            ExportTextEncoder(encoder, textPath, textProvenance, options);
        }
        else
        {
            using var encoder = ModelCheckpoint.LoadInstructionEncoder(checkpointFolder);
            ExportTextEncoderHead(encoder, textPath, textProvenance, options);
        }

        var vaeEncoderPath = Path.Combine(output, OnnxModelFiles.VaeEncoder);
        var vaeDecoderPath = Path.Combine(output, OnnxModelFiles.VaeDecoder);
        using (var autoencoder = ModelCheckpoint.LoadAutoencoder(checkpointFolder))
        {
            var provenance = Provenance(config.Name, checkpointFolder, ModelCheckpoint.AutoencoderWeights);
            ExportVaeEncoder(autoencoder, vaeEncoderPath, provenance, options);
            ExportVaeDecoder(autoencoder, vaeDecoderPath, provenance, options);
        }
        return new ModelOnnxExportResult(textPath, vaeEncoderPath, vaeDecoderPath, vocabulary);
    }

    /// <summary>token_ids + token_mask -> context + pooled, with the tokenizer settings as metadata.</summary>
    public static void ExportTextEncoder(TextEncoder encoder, string path, ModelProvenance? provenance = null, ModelOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        OnnxExporter.Export(encoder, ModelGraphSpecs.TextEncoderInputs(), ModelGraphSpecs.TextEncoderOutputs(encoder.Options), path,
            ExportOptions(ModelOnnxEmitters.CreateRegistry(), ModelGraphMetadata.TextEncoder(encoder.Options, provenance), options));
    }

    /// <summary>
    /// token_states + token_mask -> context + pooled: the trained head of a pretrained text encoder. The frozen
    /// encoder is not copied into the graph; its name and SHA-256 go into the metadata, and the service runs it first.
    /// </summary>
    public static void ExportTextEncoderHead(InstructionEncoder encoder, string path, ModelProvenance? provenance = null, ModelOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var head = encoder.Module as PretrainedTextHead ?? throw new ArgumentException("The text encoder is not a pretrained one; use ExportTextEncoder.", nameof(encoder));
        var frozen = encoder.Pretrained!;
        OnnxExporter.Export(head, ModelGraphSpecs.TextEncoderHeadInputs(head.StateWidth), ModelGraphSpecs.TextEncoderOutputs(encoder.Options), path,
            ExportOptions(ModelOnnxEmitters.CreateRegistry(), ModelGraphMetadata.TextEncoderHead(encoder.Options, frozen.ModelSha256, provenance), options));
    }

    /// <summary>image -> latent, exactly <c>Autoencoder.Encode(image)</c> (the mean, times the latent scale).</summary>
    public static void ExportVaeEncoder(Autoencoder autoencoder, string path, ModelProvenance? provenance = null, ModelOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(autoencoder);
        var o = autoencoder.Options;
        OnnxExporter.Export(autoencoder, [ModelGraphSpecs.Image(o)], [ModelGraphSpecs.Latent(o)], path,
            ExportOptions(ModelOnnxEmitters.ForVaeEncoder(),
                ModelGraphMetadata.Vae(OnnxGraphRoles.VaeEncoder, o, autoencoder.LatentScale, provenance), options));
    }

    /// <summary>latent -> image, <c>Autoencoder.Decode(latent)</c> clamped to [-1, 1].</summary>
    public static void ExportVaeDecoder(Autoencoder autoencoder, string path, ModelProvenance? provenance = null, ModelOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(autoencoder);
        var o = autoencoder.Options;
        OnnxExporter.Export(autoencoder, [ModelGraphSpecs.Latent(o)], [ModelGraphSpecs.Image(o)], path,
            ExportOptions(ModelOnnxEmitters.ForVaeDecoder(),
                ModelGraphMetadata.Vae(OnnxGraphRoles.VaeDecoder, o, autoencoder.LatentScale, provenance), options));
    }

    private static OnnxExportOptions ExportOptions(OnnxEmitterRegistry registry, Dictionary<string, string> metadata, ModelOnnxExportOptions? options) => new()
    {
        Registry = registry,
        GroupNorm = (options ?? new ModelOnnxExportOptions()).GroupNorm,
        Model = new OnnxModelInfo { Metadata = metadata, DocString = "EmuEdit " + metadata[OnnxMetadataKeys.Role] },
    };

    private static ModelProvenance Provenance(string modelName, string folder, string weightsFile)
    {
        using var stream = File.OpenRead(Path.Combine(folder, weightsFile));
        return new ModelProvenance(modelName, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
