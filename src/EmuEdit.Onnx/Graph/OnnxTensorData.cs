using System.Runtime.InteropServices;
using EmuEdit.Onnx.Protos;
using Google.Protobuf;

namespace EmuEdit.Onnx.Graph;

/// <summary>
/// Builds TensorProtos whose payload is raw_data: little-endian, row-major bytes. raw_data is the
/// compact encoding ORT reads fastest and the only one that keeps large weights near their byte size.
/// </summary>
public static class OnnxTensorData
{
    public static TensorProto Float(string name, ReadOnlySpan<float> data, IReadOnlyList<long> dims) =>
        Create(name, OnnxElementType.Float32, MemoryMarshal.AsBytes(data), dims, data.Length);

    public static TensorProto Int64(string name, ReadOnlySpan<long> data, IReadOnlyList<long> dims) =>
        Create(name, OnnxElementType.Int64, MemoryMarshal.AsBytes(data), dims, data.Length);

    private static TensorProto Create(string name, OnnxElementType type, ReadOnlySpan<byte> bytes, IReadOnlyList<long> dims, int count)
    {
        // The bytes are copied as they lie in memory; ONNX fixes raw_data as little-endian.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; exporting on a big-endian machine is not supported.");
        long expected = 1;
        foreach (var d in dims) expected *= d;
        if (expected != count)
            throw new ArgumentException($"Tensor '{name}' has {count} elements but dims [{string.Join(",", dims)}] need {expected}.", nameof(dims));

        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        return t;
    }
}
