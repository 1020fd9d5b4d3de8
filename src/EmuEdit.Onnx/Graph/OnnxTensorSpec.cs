namespace EmuEdit.Onnx.Graph;

/// <summary>Name, element type and shape of a graph input or output.</summary>
/// <param name="Name">The name callers use at inference time.</param>
/// <param name="ElementType">Element type of the tensor.</param>
/// <param name="Shape">Dimensions; use <see cref="OnnxDim.Named"/> (or a string) for dynamic ones such as the batch.</param>
public sealed record OnnxTensorSpec(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDim> Shape)
{
    public static OnnxTensorSpec Float(string name, params OnnxDim[] shape) => new(name, OnnxElementType.Float32, shape);

    public static OnnxTensorSpec Int64(string name, params OnnxDim[] shape) => new(name, OnnxElementType.Int64, shape);

    public static OnnxTensorSpec Bool(string name, params OnnxDim[] shape) => new(name, OnnxElementType.Bool, shape);

    public override string ToString() => $"{Name} {ElementType} [{string.Join(",", Shape)}]";
}
