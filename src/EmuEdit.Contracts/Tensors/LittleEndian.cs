using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// Element arrays to and from little-endian bytes. On little-endian hosts (every one .NET runs on in
/// practice) this is a copy; the swap keeps the wire format right everywhere else.
/// </summary>
internal static class LittleEndian
{
    public static byte[] ToBytes<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        SwapIfBigEndian<T>(bytes);
        return bytes;
    }

    public static T[] FromBytes<T>(ReadOnlySpan<byte> bytes) where T : unmanaged
    {
        byte[] copy = bytes.ToArray();
        SwapIfBigEndian<T>(copy);
        return MemoryMarshal.Cast<byte, T>(copy).ToArray();
    }

    private static void SwapIfBigEndian<T>(Span<byte> bytes) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if (BitConverter.IsLittleEndian || size == 1)
        {
            return;
        }
        for (int offset = 0; offset + size <= bytes.Length; offset += size)
        {
            bytes.Slice(offset, size).Reverse();
        }
    }
}
