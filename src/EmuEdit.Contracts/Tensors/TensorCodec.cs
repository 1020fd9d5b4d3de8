using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// Arrays to and from <see cref="Tensor"/> messages: raw little-endian, row-major bytes, so the
/// receiving side (TorchSharp, ONNX Runtime) can copy them straight into its own tensors.
/// Element types: float, <see cref="Half"/>, <see cref="BFloat16"/>, long, bool and byte.
/// </summary>
public static class TensorCodec
{
    /// <summary>A tensor of <paramref name="values"/> laid out row-major in <paramref name="shape"/>; throws ArgumentException when they disagree.</summary>
    public static Tensor Create<T>(string name, ReadOnlySpan<T> values, params ReadOnlySpan<long> shape) where T : unmanaged
    {
        DataType dtype = DataTypes.Of<T>();
        long expected;
        try
        {
            expected = TensorHeaders.ExpectedByteCount(name, dtype, shape.ToArray(), TensorLimits.Default) / DataTypes.SizeOf(dtype);
        }
        catch (Grpc.Core.RpcException error)
        {
            // On the sending side a bad shape is the caller's bug, not a malformed request.
            throw new ArgumentException(error.Status.Detail, nameof(shape), error);
        }
        if (values.Length != expected)
        {
            throw new ArgumentException(
                $"{TensorErrors.Describe(name)}: shape {TensorErrors.Shape(shape.ToArray())} needs {expected} values, got {values.Length}",
                nameof(values));
        }
        var tensor = new Tensor { Name = name, Dtype = dtype, Raw = ByteString.CopyFrom(LittleEndian.ToBytes(values)) };
        tensor.Shape.Add(shape.ToArray());
        return tensor;
    }

    /// <summary>Checks the tensor's header and byte count (and, when given, its spec); returns the element count.</summary>
    public static long Validate(Tensor tensor, TensorSpec? spec = null, TensorLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        spec?.Check(tensor.Name, tensor.Dtype, tensor.Shape);
        long expectedBytes = TensorHeaders.ExpectedByteCount(tensor.Name, tensor.Dtype, tensor.Shape, limits ?? TensorLimits.Default);
        if (tensor.Raw.Length != expectedBytes)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(tensor.Name)}: shape {TensorErrors.Shape(tensor.Shape)} of {DataTypes.Name(tensor.Dtype)} needs {expectedBytes} bytes, got {tensor.Raw.Length}");
        }
        if (tensor.Dtype == DataType.Bool)
        {
            CheckBooleans(tensor);
        }
        return expectedBytes / DataTypes.SizeOf(tensor.Dtype);
    }

    /// <summary>The tensor's elements, after validating it; its dtype must be <typeparamref name="T"/>'s.</summary>
    public static T[] ToArray<T>(Tensor tensor, TensorSpec? spec = null, TensorLimits? limits = null) where T : unmanaged
    {
        Validate(tensor, spec, limits);
        DataType wanted = DataTypes.Of<T>();
        if (tensor.Dtype != wanted)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(tensor.Name)}: expected dtype {DataTypes.Name(wanted)}, got {DataTypes.Name(tensor.Dtype)}");
        }
        return LittleEndian.FromBytes<T>(tensor.Raw.Span);
    }

    /// <summary>Any floating dtype (float32, float16, bfloat16) widened to float32.</summary>
    public static float[] ToSingles(Tensor tensor, TensorSpec? spec = null, TensorLimits? limits = null)
    {
        Validate(tensor, spec, limits);
        return tensor.Dtype switch
        {
            DataType.Float32 => LittleEndian.FromBytes<float>(tensor.Raw.Span),
            DataType.Float16 => Array.ConvertAll(LittleEndian.FromBytes<Half>(tensor.Raw.Span), h => (float)h),
            DataType.Bfloat16 => Array.ConvertAll(LittleEndian.FromBytes<BFloat16>(tensor.Raw.Span), b => (float)b),
            _ => throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(tensor.Name)}: expected a floating dtype (FLOAT32, FLOAT16, BFLOAT16), got {DataTypes.Name(tensor.Dtype)}"),
        };
    }

    private static void CheckBooleans(Tensor tensor)
    {
        ReadOnlySpan<byte> bytes = tensor.Raw.Span;
        int bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(tensor.Name)}: expected BOOL bytes 0 or 1, got {bytes[bad]} at element {bad}");
        }
    }
}
