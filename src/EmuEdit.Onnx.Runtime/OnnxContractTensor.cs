namespace EmuEdit.Onnx.Runtime;

/// <summary>One tensor a contract requires: name, element type and rank (sizes are the model's business).</summary>
public sealed record OnnxContractTensor(string Name, OnnxDataType DataType, int Rank, string Layout)
{
    public override string ToString() => $"{Name}: {DataType.Name()} {Layout}";
}
