using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Evaluation.Running;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// The autoencoder round trip as an "edit", at the model's size and 8-bit rounded as the served path rounds.
/// Of the input, output = D(E(input)): it intends no edit; its outside-mask L1 is the floor under every edit
/// the model can make, since the sampler can only output what the decoder can draw. Of the target, output =
/// D(E(target)): the perfect latent edit, so where it fails the criterion no editor on this autoencoder passes.
/// </summary>
public sealed class ReconstructionEditor(ILatentCodec codec, int modelSize, bool ofTarget = false) : IBenchmarkEditor
{
    public IReadOnlyList<EditOutcome> Edit(IReadOnlyList<BenchmarkExample> batch)
    {
        using var scope = NewDisposeScope();
        var pixels = batch.SelectMany(e => AtModelSize(ofTarget ? e.Target : e.Input)).ToArray();
        var signed = tensor(pixels, [batch.Count, PlanarImage.Channels, modelSize, modelSize]) * 2 - 1;
        var latents = codec.EncodeAsync(signed).GetAwaiter().GetResult();
        var decoded = codec.DecodeAsync(latents).GetAwaiter().GetResult();
        var unit = ((decoded + 1) / 2).clamp(0, 1).contiguous();
        var flat = unit.data<float>().ToArray();
        var plane = PlanarImage.Channels * modelSize * modelSize;
        return batch.Select((e, i) =>
        {
            var output = new PlanarImage(flat.AsSpan(i * plane, plane).ToArray(), modelSize, modelSize);
            var pixels = e.Input.Width == modelSize && e.Input.Height == modelSize
                ? output.Pixels
                : BilinearResize.Resize(output, e.Input.Width, e.Input.Height);
            // The served path resizes to the input's size, then writes 8-bit pixels: round last.
            return new EditOutcome(new PlanarImage([.. pixels.Select(v => MathF.Round(v * 255) / 255)], e.Input.Width, e.Input.Height));
        }).ToList();
    }

    private float[] AtModelSize(PlanarImage image) =>
        image.Width == modelSize && image.Height == modelSize ? image.Pixels : BilinearResize.Resize(image, modelSize, modelSize);
}
