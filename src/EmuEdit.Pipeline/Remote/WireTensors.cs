using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using static TorchSharp.torch;
using WireTensor = EmuEdit.Contracts.V1.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace EmuEdit.Pipeline.Remote;

/// <summary>
/// TorchSharp tensors to and from the wire's <see cref="WireTensor"/> (raw little-endian bytes), checked on
/// the way in: a wrong name, rank, dtype or byte count is INVALID_ARGUMENT, as docs/api.md requires.
/// </summary>
public static class WireTensors
{
    /// <summary>A float32 wire tensor of a CPU tensor of any floating dtype.</summary>
    public static WireTensor FromFloat(string name, TorchTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        // Each step is a new native handle: disposed here, not left to the finaliser (requests come fast).
        using var converted = tensor.to(ScalarType.Float32, CPU);
        using var cpu = converted.contiguous();
        return TensorCodec.Create<float>(name, cpu.data<float>().ToArray(), cpu.shape);
    }

    /// <summary>A BOOL wire tensor of a boolean tensor.</summary>
    public static WireTensor FromBool(string name, TorchTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        // Each step is a new native handle: disposed here, not left to the finaliser (requests come fast).
        using var converted = tensor.to(ScalarType.Bool, CPU);
        using var cpu = converted.contiguous();
        return TensorCodec.Create<bool>(name, cpu.data<bool>().ToArray(), cpu.shape);
    }

    /// <summary>A float32 CPU tensor of a floating wire tensor (float16 and bfloat16 are widened).</summary>
    public static TorchTensor ToFloat(WireTensor wire, string expectedName, int rank)
    {
        CheckHeader(wire, expectedName, rank);
        return tensor(TensorCodec.ToSingles(wire), wire.Shape.ToArray(), ScalarType.Float32);
    }

    /// <summary>A bool CPU tensor of a BOOL wire tensor.</summary>
    public static TorchTensor ToBool(WireTensor wire, string expectedName, int rank)
    {
        CheckHeader(wire, expectedName, rank);
        return tensor(TensorCodec.ToArray<bool>(wire), wire.Shape.ToArray(), ScalarType.Bool);
    }

    /// <summary>The spec receivers check at the header: any size in each of <paramref name="rank"/> dimensions.</summary>
    public static TensorSpec AnyShape(string name, DataType dtype, int rank) =>
        new(name, dtype, Enumerable.Repeat(TensorSpec.AnyDimension, rank).ToArray());

    private static void CheckHeader(WireTensor wire, string expectedName, int rank)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (wire.Name != expectedName) throw TensorErrors.Invalid($"expected tensor '{expectedName}', got '{wire.Name}'");
        if (wire.Shape.Count != rank)
            throw TensorErrors.Invalid($"tensor '{expectedName}': expected rank {rank}, got shape [{string.Join(",", wire.Shape)}]");
    }
}
