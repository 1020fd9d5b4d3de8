namespace EmuEdit.Onnx.Runtime;

/// <summary>One dimension of a model input or output: a fixed size, or a symbol such as "batch" (any size).</summary>
public readonly record struct OnnxDimension(long? Size, string? Symbol)
{
    public bool IsFixed => Size is not null;

    public override string ToString() => Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (string.IsNullOrEmpty(Symbol) ? "?" : Symbol);
}

/// <summary>
/// A model input or output as the session's metadata declares it. <see cref="DataType"/> is null
/// for element types this wrapper does not exchange (the name is still in <see cref="ElementTypeName"/>).
/// </summary>
public sealed record OnnxTensorDescription(string Name, OnnxDataType? DataType, string ElementTypeName, IReadOnlyList<OnnxDimension> Shape)
{
    public int Rank => Shape.Count;

    public override string ToString() => $"{Name}: {ElementTypeName} [{string.Join(",", Shape)}]";
}
