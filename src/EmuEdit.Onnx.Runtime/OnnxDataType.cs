namespace EmuEdit.Onnx.Runtime;

/// <summary>Element types callers can feed to a model.</summary>
public enum OnnxDataType
{
    Float32,
    Int64,
    Int32,
    Bool,
}

internal static class OnnxDataTypeNames
{
    public static string Name(this OnnxDataType t) => t switch
    {
        OnnxDataType.Float32 => "float32",
        OnnxDataType.Int64 => "int64",
        OnnxDataType.Int32 => "int32",
        OnnxDataType.Bool => "bool",
        _ => t.ToString(),
    };
}
