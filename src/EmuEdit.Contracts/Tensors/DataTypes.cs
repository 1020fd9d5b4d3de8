using EmuEdit.Contracts.V1;

namespace EmuEdit.Contracts.Tensors;

/// <summary>The one mapping between wire element types, their sizes and the .NET element types.</summary>
public static class DataTypes
{
    /// <summary>Bytes per element; throws INVALID_ARGUMENT for UNSPECIFIED or a value this build does not know.</summary>
    public static int SizeOf(DataType dtype, string tensorName = "") => dtype switch
    {
        DataType.Float32 => sizeof(float),
        DataType.Float16 => sizeof(ushort),
        DataType.Bfloat16 => sizeof(ushort),
        DataType.Int64 => sizeof(long),
        DataType.Bool => sizeof(bool),
        DataType.Uint8 => sizeof(byte),
        _ => throw TensorErrors.Invalid(
            $"{TensorErrors.Describe(tensorName)}: expected a dtype among {string.Join(", ", Known)}, got {Name(dtype)}"),
    };

    /// <summary>The wire type of a .NET element type.</summary>
    public static DataType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DataType.Float32;
        if (typeof(T) == typeof(Half)) return DataType.Float16;
        if (typeof(T) == typeof(BFloat16)) return DataType.Bfloat16;
        if (typeof(T) == typeof(long)) return DataType.Int64;
        if (typeof(T) == typeof(bool)) return DataType.Bool;
        if (typeof(T) == typeof(byte)) return DataType.Uint8;
        throw new NotSupportedException($"{typeof(T).Name} has no tensor dtype; use float, Half, BFloat16, long, bool or byte");
    }

    public static IReadOnlyList<DataType> Known { get; } =
        [DataType.Float32, DataType.Float16, DataType.Bfloat16, DataType.Int64, DataType.Bool, DataType.Uint8];

    /// <summary>The enum's name, or its number when the sender used a value this build does not know.</summary>
    public static string Name(DataType dtype) =>
        Enum.IsDefined(dtype) ? dtype.ToString().ToUpperInvariant() : $"unknown dtype {(int)dtype}";
}
