using EmuEdit.Contracts.V1;

namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// What a receiver expects of a tensor: its dtype and shape, where <see cref="AnyDimension"/> matches
/// any size (a batch, a sequence length).
/// </summary>
public sealed record TensorSpec(string Name, DataType DataType, IReadOnlyList<long> Shape)
{
    public const long AnyDimension = -1;

    /// <summary>Throws INVALID_ARGUMENT unless the tensor's name, dtype and shape match.</summary>
    public void Check(string name, DataType dtype, IReadOnlyList<long> shape)
    {
        if (name != Name)
        {
            throw TensorErrors.Invalid($"expected tensor '{Name}', got '{name}'");
        }
        if (dtype != DataType)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(Name)}: expected dtype {DataTypes.Name(DataType)}, got {DataTypes.Name(dtype)}");
        }
        bool matches = shape.Count == Shape.Count;
        for (int i = 0; matches && i < shape.Count; i++)
        {
            matches = Shape[i] == AnyDimension || Shape[i] == shape[i];
        }
        if (!matches)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(Name)}: expected shape {Describe()}, got {TensorErrors.Shape(shape)}");
        }
    }

    private string Describe() =>
        "[" + string.Join(",", Shape.Select(d => d == AnyDimension ? "*" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
