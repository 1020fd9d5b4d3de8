namespace EmuEdit.Pipeline.Serving;

/// <summary>Which runtime a text-encoder or vae-decoder service runs its network on.</summary>
public enum InferenceRuntime
{
    /// <summary>ONNX Runtime when the model folder has the exported graph(s), else TorchSharp over the checkpoint.</summary>
    Auto,

    /// <summary>ONNX Runtime; the service refuses to start without the graph(s).</summary>
    Onnx,

    /// <summary>TorchSharp over the checkpoint's safetensors.</summary>
    TorchSharp,
}
