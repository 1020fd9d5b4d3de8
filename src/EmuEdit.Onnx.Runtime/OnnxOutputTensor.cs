namespace EmuEdit.Onnx.Runtime;

/// <summary>A model output copied out of ONNX Runtime: float32 values in row-major order and the shape.</summary>
public sealed record OnnxOutputTensor(string Name, float[] Data, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name}: float32 [{string.Join(",", Shape)}]";
}
