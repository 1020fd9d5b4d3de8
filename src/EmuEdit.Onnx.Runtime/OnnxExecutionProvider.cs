namespace EmuEdit.Onnx.Runtime;

/// <summary>Where ONNX Runtime executes a model.</summary>
public enum OnnxExecutionProvider
{
    Cpu,

    /// <summary>NVIDIA GPUs; needs the CUDA 12 and cuDNN 9 libraries on the host.</summary>
    Cuda,
}
