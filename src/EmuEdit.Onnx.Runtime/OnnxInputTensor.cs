namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// A named input: a row-major array and its shape. The array is pinned, not copied, while the model
/// runs, so callers must not change it during <see cref="OnnxModelSession.Run"/>.
/// </summary>
public sealed class OnnxInputTensor
{
    private OnnxInputTensor(string name, OnnxDataType dataType, Array data, long[] shape)
    {
        if (string.IsNullOrEmpty(name)) throw new OnnxInputException("An input tensor needs a name.");
        foreach (var d in shape)
            if (d < 0) throw new OnnxInputException($"Input '{name}': shape [{string.Join(",", shape)}] has a negative dimension.", name);
        var count = shape.Aggregate(1L, (a, d) => a * d);
        if (count != data.LongLength)
            throw new OnnxInputException(
                $"Input '{name}': shape [{string.Join(",", shape)}] needs {count} elements but the data has {data.LongLength}.", name);
        Name = name;
        DataType = dataType;
        Data = data;
        Shape = shape;
    }

    public string Name { get; }

    public OnnxDataType DataType { get; }

    /// <summary>float[], long[], int[] or bool[] as <see cref="DataType"/> says.</summary>
    public Array Data { get; }

    public IReadOnlyList<long> Shape { get; }

    public static OnnxInputTensor Float(string name, float[] data, params long[] shape) => new(name, OnnxDataType.Float32, data, shape);

    public static OnnxInputTensor Int64(string name, long[] data, params long[] shape) => new(name, OnnxDataType.Int64, data, shape);

    public static OnnxInputTensor Int32(string name, int[] data, params long[] shape) => new(name, OnnxDataType.Int32, data, shape);

    public static OnnxInputTensor Bool(string name, bool[] data, params long[] shape) => new(name, OnnxDataType.Bool, data, shape);

    public override string ToString() => $"{Name}: {DataType.Name()} [{string.Join(",", Shape)}]";
}
