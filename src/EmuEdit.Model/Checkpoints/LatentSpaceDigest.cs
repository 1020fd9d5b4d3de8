using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EmuEdit.Model.Checkpoints;

/// <summary>
/// A fingerprint of what an autoencoder's latents mean: SHA-256 over its encoder tensors and its latent
/// scale, every value rounded to fp16, read straight from autoencoder.safetensors (no TorchSharp, so a
/// service on ONNX Runtime computes it too). Equal digests encode every image to the same latents whatever
/// the decoders (a decoder fine-tune, grown or not, keeps the digest) and the storage type (an fp16 export
/// of fp32 weights keeps it). Workers compare it with the vae-decoder's, so a U-Net never samples in
/// another autoencoder's latent space.
/// </summary>
public static class LatentSpaceDigest
{
    private const string EncoderPrefix = "encoder.";
    private const string LatentScaleKey = "latent_scale";
    private const int HexDigits = 32;
    // A safetensors header is a small JSON index; a bigger one is not a weights file.
    private const ulong MaxHeaderBytes = 16 * 1024 * 1024;

    /// <summary>The digest of the autoencoder in <paramref name="modelFolder"/>, or null when the folder holds no autoencoder weights.</summary>
    public static string? TryOf(string modelFolder)
    {
        var path = Path.Combine(modelFolder, ModelCheckpoint.AutoencoderWeights);
        return File.Exists(path) ? OfFile(path) : null;
    }

    /// <summary>The digest of an autoencoder weights file.</summary>
    /// <exception cref="InvalidDataException">The file is not a safetensors file of an autoencoder.</exception>
    public static string OfFile(string autoencoderWeights)
    {
        try
        {
            return Digest(autoencoderWeights);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{autoencoderWeights} is not a readable safetensors file: {e.Message}", e);
        }
    }

    private static string Digest(string autoencoderWeights)
    {
        using var stream = File.OpenRead(autoencoderWeights);
        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        stream.ReadExactly(prefix);
        var headerBytes = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerBytes == 0 || headerBytes > MaxHeaderBytes || (long)headerBytes > stream.Length - sizeof(ulong))
            throw new InvalidDataException($"{autoencoderWeights} is not a safetensors file (header of {headerBytes} bytes).");
        var header = new byte[headerBytes];
        stream.ReadExactly(header);
        var dataStart = sizeof(ulong) + (long)headerBytes;

        using var json = JsonDocument.Parse(header);
        var entries = json.RootElement.EnumerateObject()
            .Where(e => e.Name.StartsWith(EncoderPrefix, StringComparison.Ordinal) || e.Name == LatentScaleKey)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        if (!entries.Any(e => e.Name == LatentScaleKey) || !entries.Any(e => e.Name.StartsWith(EncoderPrefix, StringComparison.Ordinal)))
            throw new InvalidDataException($"{autoencoderWeights} holds no encoder and latent scale.");

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            var dtype = entry.Value.GetProperty("dtype").GetString();
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets is not [var begin, var end] || begin < 0 || end < begin || dataStart + end > stream.Length)
                throw new InvalidDataException($"{autoencoderWeights}: '{entry.Name}' has bad data offsets.");
            var raw = new byte[end - begin];
            stream.Position = dataStart + begin;
            stream.ReadExactly(raw);
            hash.AppendData(Encoding.UTF8.GetBytes($"{entry.Name}[{string.Join(',', shape)}]\n"));
            hash.AppendData(AsHalfBytes(raw, dtype, entry.Name, autoencoderWeights));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..HexDigits];
    }

    private static byte[] AsHalfBytes(byte[] raw, string? dtype, string name, string path)
    {
        var (width, read) = dtype switch
        {
            "F32" => (4, (Func<byte[], int, float>)((b, i) => BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(i)))),
            "F16" => (2, (b, i) => (float)BinaryPrimitives.ReadHalfLittleEndian(b.AsSpan(i))),
            "BF16" => (2, (b, i) => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(i)) << 16)),
            _ => throw new InvalidDataException($"{path}: '{name}' is stored as {dtype}, not a float type."),
        };
        if (raw.Length % width != 0) throw new InvalidDataException($"{path}: '{name}' has {raw.Length} bytes, not a whole number of {dtype} values.");
        var halves = new byte[raw.Length / width * 2];
        for (int i = 0, o = 0; i < raw.Length; i += width, o += 2)
            BinaryPrimitives.WriteHalfLittleEndian(halves.AsSpan(o), (Half)read(raw, i));
        return halves;
    }
}
