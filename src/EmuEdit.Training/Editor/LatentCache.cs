using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace EmuEdit.Training.Editor;

/// <summary>
/// The editor's fixed training set as autoencoder latents: latents.bin holds, per example, the input latent
/// then the target latent, float16 little-endian, row-major [N, 2, C, h, w]; latents.index.json holds the
/// shape, the key it was made from and each example's task, seed and instruction. Encoding once turns the
/// autoencoder's share of every editor step into a table lookup.
/// </summary>
public sealed class LatentCache : IDisposable
{
    public const string DataFile = "latents.bin";
    public const string IndexFile = "latents.index.json";
    private const string Format = "emuedit-latent-cache";
    private const int Version = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly Tensor _latents; // float16 [N, 2, C, h, w]

    internal LatentCache(LatentCacheKey key, IReadOnlyList<LatentCacheEntry> entries, Tensor latents)
    {
        Key = key;
        Entries = entries;
        _latents = latents;
    }

    public LatentCacheKey Key { get; }

    public IReadOnlyList<LatentCacheEntry> Entries { get; }

    public int Count => Entries.Count;

    /// <summary>[C, h, w] of one latent.</summary>
    public long[] LatentShape => _latents.shape[2..];

    /// <summary>Input and target latents of <paramref name="rows"/> as float32 [B, C, h, w] (caller owns them).</summary>
    public (Tensor Input, Tensor Target) Latents(IReadOnlyList<long> rows)
    {
        using var scope = NewDisposeScope();
        using var index = tensor(rows.ToArray(), ScalarType.Int64);
        var pairs = _latents.index_select(0, index).to(ScalarType.Float32);
        return (pairs.select(1, 0).contiguous().MoveToOuterDisposeScope(), pairs.select(1, 1).contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>The cache in <paramref name="folder"/> if it exists, is complete and was made from <paramref name="key"/>.</summary>
    public static LatentCache? TryLoad(string folder, LatentCacheKey key)
    {
        var indexPath = Path.Combine(folder, IndexFile);
        var dataPath = Path.Combine(folder, DataFile);
        if (!File.Exists(indexPath) || !File.Exists(dataPath)) return null;
        var index = JsonSerializer.Deserialize<IndexDocument>(File.ReadAllText(indexPath), Json);
        if (index is null || index.Format != Format || index.Version != Version || !index.Key.Matches(key)) return null;
        var shape = index.Shape;
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        if (new FileInfo(dataPath).Length != elements * sizeof(short) || shape[0] != index.Entries.Count) return null;
        return new LatentCache(index.Key, index.Entries, ReadHalfs(dataPath, shape));
    }

    /// <summary>
    /// Writes a cache through <paramref name="fill"/>, which gets a writer for latent rows in entry order;
    /// the index is written last, after the data is complete, so a half-written cache is never loaded.
    /// </summary>
    public static LatentCache Write(string folder, LatentCacheKey key, IReadOnlyList<LatentCacheEntry> entries, long[] latentShape, Action<LatentRowWriter> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        Directory.CreateDirectory(folder);
        var dataPath = Path.Combine(folder, DataFile);
        var indexPath = Path.Combine(folder, IndexFile);
        File.Delete(indexPath);
        var shape = new long[] { entries.Count, 2 }.Concat(latentShape).ToArray();
        using (var file = File.Create(dataPath + ".tmp"))
        {
            var writer = new LatentRowWriter(file, 2 * latentShape.Aggregate(1L, (a, b) => a * b));
            fill(writer);
            if (writer.Rows != entries.Count) throw new InvalidOperationException($"the cache was filled with {writer.Rows} rows for {entries.Count} entries");
        }
        File.Move(dataPath + ".tmp", dataPath, overwrite: true);
        var document = new IndexDocument(Format, Version, "float16", shape, key, entries);
        File.WriteAllText(indexPath + ".tmp", JsonSerializer.Serialize(document, Json));
        File.Move(indexPath + ".tmp", indexPath, overwrite: true);
        return TryLoad(folder, key) ?? throw new InvalidDataException($"the latent cache just written to {folder} does not read back");
    }

    public void Dispose() => _latents.Dispose();

    private static Tensor ReadHalfs(string path, long[] shape)
    {
        // Read in slices so the float32 staging buffer stays small whatever the cache size.
        const int SliceHalfs = 1 << 20;
        var total = shape.Aggregate(1L, (a, b) => a * b);
        var result = empty(shape, ScalarType.Float16);
        using var flat = result.view(-1);
        using var file = File.OpenRead(path);
        var bytes = new byte[SliceHalfs * sizeof(short)];
        var floats = new float[SliceHalfs];
        for (long done = 0; done < total;)
        {
            var n = (int)Math.Min(SliceHalfs, total - done);
            file.ReadExactly(bytes, 0, n * sizeof(short));
            var halfs = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan(0, n * sizeof(short)));
            for (var i = 0; i < n; i++) floats[i] = (float)halfs[i];
            using var slice = tensor(floats.AsSpan(0, n).ToArray(), ScalarType.Float32);
            using var target = flat.narrow(0, done, n);
            target.copy_(slice);
            done += n;
        }
        return result;
    }

    private sealed record IndexDocument(string Format, int Version, string Dtype, long[] Shape, LatentCacheKey Key, IReadOnlyList<LatentCacheEntry> Entries);
}
