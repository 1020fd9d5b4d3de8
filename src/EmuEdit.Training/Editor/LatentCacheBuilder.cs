using EmuEdit.Data.Generation;
using EmuEdit.Training.Data;
using EmuEdit.Training.Runs;
using static TorchSharp.torch;
using AutoencoderNet = EmuEdit.Model.Networks.Autoencoder;

namespace EmuEdit.Training.Editor;

/// <summary>
/// Generates the fixed training set and encodes inputs and targets with the frozen autoencoder (encoder
/// means, scaled) into a <see cref="LatentCache"/>. Generation runs on a background thread, one chunk ahead
/// of the encoder.
/// </summary>
public static class LatentCacheBuilder
{
    public static LatentCache Build(string folder, LatentCacheKey key, AutoencoderNet autoencoder, ExampleGenerator generator,
        IReadOnlyList<(string Task, long Seed)> set, int encodeBatch, ITrainingReporter reporter, CancellationToken cancellation)
    {
        var perChunk = Math.Max(1, encodeBatch / 2);
        var chunks = (set.Count + perChunk - 1) / perChunk;
        var size = key.ImageSize;
        var entries = new LatentCacheEntry[set.Count];
        var shape = LatentShape(autoencoder);
        var clock = new StepClock(0);
        reporter.Message($"encoding {set.Count} training examples into the latent cache in {folder}");
        autoencoder.eval();
        return LatentCache.Write(folder, key, entries, shape, writer =>
        {
            using var batches = new BackgroundBatches<(float[] Inputs, float[] Targets, int First, int Count)>(1, chunks, chunk =>
            {
                var first = (int)(chunk - 1) * perChunk;
                var count = Math.Min(perChunk, set.Count - first);
                var examples = Enumerable.Range(first, count).Select(i => generator.Generate(set[i].Task, set[i].Seed, Split.Train)).ToList();
                for (var i = 0; i < count; i++)
                    entries[first + i] = new LatentCacheEntry(examples[i].TaskIndex, examples[i].Seed, examples[i].Instruction);
                return (ImageTensors.ToChwSigned(examples.Select(e => e.Input).ToList()), ImageTensors.ToChwSigned(examples.Select(e => e.Target).ToList()), first, count);
            }, capacity: 2);
            for (var chunk = 1; chunk <= chunks; chunk++)
            {
                cancellation.ThrowIfCancellationRequested();
                var (inputs, targets, _, count) = batches.Take(chunk);
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var x = autoencoder.Encode(ImageTensors.ToTensor(inputs, count, size, size));
                var y = autoencoder.Encode(ImageTensors.ToTensor(targets, count, size, size));
                writer.Write(x, y);
                if (chunk % 20 == 0 || chunk == chunks)
                    reporter.Message($"latent cache: {writer.Rows}/{set.Count} examples ({clock.StepsPerSecond(chunk) * perChunk:F0} examples/s)");
            }
        });
    }

    private static long[] LatentShape(AutoencoderNet autoencoder)
    {
        var ae = autoencoder.Options;
        var side = ae.ImageSize / ae.DownFactor;
        return [ae.LatentChannels, side, side];
    }
}
