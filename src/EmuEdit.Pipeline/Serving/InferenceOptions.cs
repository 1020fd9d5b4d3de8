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
    /// Whether the ONNX runtime is used for a folder: <see cref="InferenceRuntime.Onnx"/> requires
    /// <paramref name="graphs"/> (else <see cref="ModelFolderException"/>), Auto uses them when all exist.
    /// </summary>
    public bool UsesOnnx(string folder, params string[] graphs)
    {
        var present = graphs.All(g => File.Exists(Path.Combine(folder, g)));
        return Runtime switch
        {
            InferenceRuntime.TorchSharp => false,
            InferenceRuntime.Onnx when !present => throw new ModelFolderException(
                $"{SectionName}:{nameof(Runtime)} is Onnx but the model folder {folder} lacks {string.Join(", ", graphs.Where(g => !File.Exists(Path.Combine(folder, g))))} (export them with emuedit export onnx)."),
            InferenceRuntime.Onnx => true,
            _ => present,
        };
    }

    public OnnxSessionOptions SessionOptions() => new() { ExecutionProvider = ExecutionProvider };
}
