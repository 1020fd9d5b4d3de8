namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// A bfloat16 value: the upper half of a float32. .NET 10 has no such type, and models trained in
/// bf16 exchange tensors in it, so the codec needs one element type to name it.
/// </summary>
public readonly record struct BFloat16(ushort Bits)
{
    private const int ShiftToUpperHalf = 16;
    private const uint RoundingBias = 0x7FFF;
    private const uint QuietNaN = 0x7FC0;

    /// <summary>Rounds to nearest, ties to even, as PyTorch does; NaN stays NaN.</summary>
    public static explicit operator BFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return new BFloat16((ushort)QuietNaN);
        }
        uint lsb = (bits >> ShiftToUpperHalf) & 1;
        return new BFloat16((ushort)((bits + RoundingBias + lsb) >> ShiftToUpperHalf));
    }

    public static explicit operator float(BFloat16 value) =>
        BitConverter.UInt32BitsToSingle((uint)value.Bits << ShiftToUpperHalf);

    public override string ToString() => ((float)this).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
