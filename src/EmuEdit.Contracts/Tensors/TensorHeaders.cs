using EmuEdit.Contracts.V1;

namespace EmuEdit.Contracts.Tensors;

/// <summary>Checks what a tensor claims to be before anyone allocates or reads its bytes.</summary>
public static class TensorHeaders
{
    /// <summary>
    /// Validates dtype, rank and dimensions and returns the byte count the contents must have.
    /// Throws INVALID_ARGUMENT for an unknown dtype, a negative dimension, too many dimensions or a
    /// size beyond <see cref="TensorLimits.MaxTensorBytes"/>.
    /// </summary>
    public static long ExpectedByteCount(string name, DataType dtype, IReadOnlyList<long> shape, TensorLimits limits)
    {
        int elementSize = DataTypes.SizeOf(dtype, name);
        if (shape.Count > limits.MaxRank)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(name)}: expected at most {limits.MaxRank} dimensions, got {shape.Count}");
        }
        long bytes = elementSize;
        for (int i = 0; i < shape.Count; i++)
        {
            long dimension = shape[i];
            if (dimension < 0)
            {
                throw TensorErrors.Invalid(
                    $"{TensorErrors.Describe(name)}: expected dimensions >= 0, got {dimension} at index {i} of {TensorErrors.Shape(shape)}");
            }
            // Checked before multiplying so a hostile shape cannot overflow into a small, valid-looking size.
            if (dimension != 0 && bytes > limits.MaxTensorBytes / dimension)
            {
                throw TooLarge(name, shape, limits);
            }
            bytes *= dimension;
        }
        if (bytes > limits.MaxTensorBytes)
        {
            throw TooLarge(name, shape, limits);
        }
        return bytes;
    }

    private static Grpc.Core.RpcException TooLarge(string name, IReadOnlyList<long> shape, TensorLimits limits) =>
        TensorErrors.Invalid(
            $"{TensorErrors.Describe(name)}: expected at most {limits.MaxTensorBytes} bytes, got shape {TensorErrors.Shape(shape)} beyond that");
}
