using EmuEdit.Onnx.Runtime;

namespace EmuEdit.Pipeline.Serving;

/// <summary>Runtime choice of the text-encoder and vae-decoder services, section "Inference".</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    public InferenceRuntime Runtime { get; set; } = InferenceRuntime.Auto;

    /// <summary>ONNX Runtime execution provider (CPU by default; CUDA where the host has it).</summary>
    public OnnxExecutionProvider ExecutionProvider { get; set; } = OnnxExecutionProvider.Cpu;

    /// <summary>
    /// Whether the ONNX runtime is used for a folder: <see cref="InferenceRuntime.Onnx"/> requires every graph (else
    /// <see cref="ModelFolderException"/>), Auto uses them when all exist. A graph exported from other weights than the
    /// folder's (its <c>emuedit.model.source_sha256</c> is not the SHA-256 of the weights file beside it: the folder was
    /// retrained after the export) is stale: Onnx refuses to start, Auto serves the weights with TorchSharp and says why
    /// in <paramref name="declined"/>.
    /// </summary>
    /// <param name="catalog">Where the graphs are loaded to read their metadata: the catalog that then serves them.</param>
    /// <param name="graphs">Each graph file with the weights file it was exported from.</param>
    public bool UsesOnnx(string folder, OnnxModelCatalog catalog, out string? declined, params (string Graph, string Weights)[] graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        declined = null;
        if (Runtime == InferenceRuntime.TorchSharp) return false;
        var missing = graphs.Where(g => !File.Exists(Path.Combine(folder, g.Graph))).Select(g => g.Graph).ToList();
        if (missing.Count > 0)
        {
            if (Runtime == InferenceRuntime.Onnx)
                throw new ModelFolderException(
                    $"{SectionName}:{nameof(Runtime)} is Onnx but the model folder {folder} lacks {string.Join(", ", missing)} (export them with emuedit export onnx).");
            return false;
        }
        var provenance = new OnnxGraphProvenance(catalog, folder);
        foreach (var (graph, weights) in graphs)
        {
            if (provenance.StaleReason(graph, weights) is not { } stale) continue;
            if (Runtime == InferenceRuntime.Onnx)
                throw new ModelFolderException($"{SectionName}:{nameof(Runtime)} is Onnx but {stale}; export the graphs again (emuedit export onnx).");
            declined = stale;
            return false;
        }
        return true;
    }

    public OnnxSessionOptions SessionOptions() => new() { ExecutionProvider = ExecutionProvider };
}
