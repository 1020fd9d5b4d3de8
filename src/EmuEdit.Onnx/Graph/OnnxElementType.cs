namespace EmuEdit.Onnx.Graph;

/// <summary>Element types the exporter writes; values are ONNX's TensorProto.DataType codes.</summary>
public enum OnnxElementType
{
    Float32 = 1,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
}
