using System.Security.Cryptography;
using EmuEdit.Model.Checkpoints;

namespace EmuEdit.Training.Editor;

/// <summary>
/// The frozen autoencoder an editor run uses, copied into the run folder when it starts: the source folder
/// may be a live autoencoder run that keeps checkpointing, and a resume must see the same weights.
/// </summary>
public static class AutoencoderSnapshot
{
    public const string FolderName = "autoencoder";

    /// <summary>Copies config.json and autoencoder.safetensors of <paramref name="modelFolder"/> into <paramref name="snapshot"/>.</summary>
    public static void Copy(string modelFolder, string snapshot)
    {
        Runs.AtomicFolder.Replace(snapshot, temp =>
        {
            foreach (var file in new[] { ModelCheckpoint.ConfigFile, ModelCheckpoint.AutoencoderWeights })
            {
                var source = Path.Combine(modelFolder, file);
                if (!File.Exists(source)) throw new FileNotFoundException($"{modelFolder} has no {file}: pass the model folder of a trained autoencoder", source);
                File.Copy(source, Path.Combine(temp, file));
            }
        });
    }

    /// <summary>SHA-256 (hex) of the snapshot's weights: the latent cache's key.</summary>
    public static string Sha256(string snapshot)
    {
        using var file = File.OpenRead(Path.Combine(snapshot, ModelCheckpoint.AutoencoderWeights));
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
