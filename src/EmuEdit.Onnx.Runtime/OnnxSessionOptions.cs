using Microsoft.ML.OnnxRuntime;

namespace EmuEdit.Onnx.Runtime;

/// <summary>How <see cref="OnnxModelSession"/> creates its ONNX Runtime session.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>
    /// The provider to try. When it is <see cref="OnnxExecutionProvider.Cuda"/> and the CUDA provider
    /// cannot be appended (no GPU, no CUDA libraries), the session runs on the CPU and says so in
    /// the log, unless <see cref="RequireExecutionProvider"/> is set.
    /// </summary>
    public OnnxExecutionProvider ExecutionProvider { get; init; } = OnnxExecutionProvider.Cpu;

    /// <summary>Fail instead of falling back to the CPU (for hosts where a CPU run would be a silent outage).</summary>
    public bool RequireExecutionProvider { get; init; }

    public int CudaDeviceId { get; init; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Graph rewrites at load time (constant folding of weight transposes, fusions).</summary>
    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;
}
