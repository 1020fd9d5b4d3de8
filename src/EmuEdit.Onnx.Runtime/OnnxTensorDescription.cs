namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// A model input or output as the session's metadata declares it. <see cref="DataType"/> is null
/// for element types this wrapper does not exchange (the name is still in <see cref="ElementTypeName"/>).
/// </summary>
public sealed record OnnxTensorDescription(string Name, OnnxDataType? DataType, string ElementTypeName, IReadOnlyList<OnnxDimension> Shape)
{
    public int Rank => Shape.Count;

    public override string ToString() => $"{Name}: {ElementTypeName} [{string.Join(",", Shape)}]";
}
