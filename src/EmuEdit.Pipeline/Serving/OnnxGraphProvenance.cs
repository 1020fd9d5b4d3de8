using System.Security.Cryptography;
using EmuEdit.Onnx.Runtime;

namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// Whether an exported graph still matches the weights beside it. The exporter writes the SHA-256 of the
/// safetensors file it read into the graph (<see cref="OnnxMetadataKeys.SourceWeightsSha256"/>); a folder
/// retrained after its export keeps the old graphs, and serving them would pair old encoder or autoencoder
/// weights with the worker's new U-Net: wrong edits, and nothing failing.
/// </summary>
public static class OnnxGraphProvenance
{
    /// <summary>Why <paramref name="graph"/> is stale, or null when it matches (or cannot be compared: no weights file, or a graph without the key).</summary>
    public static string? StaleReason(string folder, string graph, string weights)
    {
        string weightsPath = Path.Combine(folder, weights);
        if (!File.Exists(weightsPath)) return null;
        string? exportedFrom;
        using (var session = new OnnxModelSession(Path.Combine(folder, graph)))
        {
            exportedFrom = session.Metadata.GetValueOrDefault(OnnxMetadataKeys.SourceWeightsSha256);
        }
        if (exportedFrom is null) return null;
        string current;
        using (var stream = File.OpenRead(weightsPath))
        {
            current = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return string.Equals(current, exportedFrom, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{graph} in {folder} was exported from other weights than {weights} (SHA-256 {Short(exportedFrom)} in the graph, {Short(current)} on disk)";
    }

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] + "…" : digest;
}
