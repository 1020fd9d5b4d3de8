namespace EmuEdit.Onnx.Runtime;

/// <summary>Where ONNX Runtime executes a model.</summary>
public enum OnnxExecutionProvider
{
    Cpu,

    /// <summary>
    /// NVIDIA GPUs. Needs the CUDA and cuDNN libraries the ONNX Runtime 1.31 CUDA provider links against
    /// (CUDA 13: it asks for libcublasLt.so.13) on the host's library path.
    /// </summary>
    Cuda,
}
