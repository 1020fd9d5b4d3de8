using System.Security.Cryptography;
using EmuEdit.Onnx.Runtime;

namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// Whether exported graphs still match the weights beside them. The exporter writes the SHA-256 of the
/// safetensors file it read into each graph (<see cref="OnnxMetadataKeys.SourceWeightsSha256"/>); a folder
/// retrained after its export keeps the old graphs, and serving them would pair old encoder or autoencoder
/// weights with the worker's new U-Net: wrong edits, and nothing failing. The graphs' metadata is read from
/// the catalog's sessions, the ones that go on to serve, and each weights file is hashed once.
/// </summary>
public sealed class OnnxGraphProvenance(OnnxModelCatalog catalog, string folder)
{
    private readonly Dictionary<string, string?> _weightsDigests = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="graph"/> is stale, or null when it matches (or cannot be compared: no weights file, or a graph without the key).</summary>
    public string? StaleReason(string graph, string weights)
    {
        if (WeightsDigest(weights) is not { } current) return null;
        if (catalog.Get(Path.Combine(folder, graph)).Metadata.GetValueOrDefault(OnnxMetadataKeys.SourceWeightsSha256) is not { } exportedFrom) return null;
        return string.Equals(current, exportedFrom, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{graph} in {folder} was exported from other weights than {weights} (SHA-256 {Short(exportedFrom)} in the graph, {Short(current)} on disk)";
    }

    private string? WeightsDigest(string weights)
    {
        if (_weightsDigests.TryGetValue(weights, out string? known)) return known;
        string path = Path.Combine(folder, weights);
        string? digest = null;
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            digest = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return _weightsDigests[weights] = digest;
    }

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] + "…" : digest;
}
