using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// Reconstruction PSNR of the model's autoencoder on benchmark inputs: encode, decode, compare. It bounds
/// every edit's fidelity, since the sampler can only output what the decoder can draw.
/// </summary>
public static class AutoencoderFidelity
{
    /// <returns>Mean PSNR in dB over the images of the model's size; null when none has it.</returns>
    public static double? MeanPsnr(ILatentCodec codec, IEnumerable<PlanarImage> images, int modelSize, double maxDb, int batchSize = 16)
    {
        var values = new List<double>();
        foreach (var batch in images.Where(i => i.Width == modelSize && i.Height == modelSize).Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            var pixels = batch.SelectMany(i => i.Pixels).ToArray();
            var signed = tensor(pixels, [batch.Length, PlanarImage.Channels, modelSize, modelSize]) * 2 - 1;
            var latents = codec.EncodeAsync(signed).GetAwaiter().GetResult();
            var decoded = codec.DecodeAsync(latents).GetAwaiter().GetResult();
            // The served path rounds to 8-bit PNG pixels, so the comparison does too.
            var unit = ((decoded + 1) / 2).clamp(0, 1).mul(255).round().div(255).contiguous();
            var flat = unit.data<float>().ToArray();
            var plane = PlanarImage.Channels * modelSize * modelSize;
            for (var i = 0; i < batch.Length; i++)
            {
                var output = new PlanarImage(flat.AsSpan(i * plane, plane).ToArray(), modelSize, modelSize);
                values.Add(PixelMetrics.Psnr(batch[i], output, maxDb));
            }
        }
        return values.Count == 0 ? null : values.Average();
    }
}
