using EmuEdit.Data.Generation;
using EmuEdit.Data.Imaging;
using EmuEdit.Data.Tasks;
using EmuEdit.Training.Data;
using EmuEdit.Training.Runs;

namespace EmuEdit.Training.Autoencoder;

/// <summary>
/// Which images the autoencoder sees: every row of every step is a pure function of (seed, step, row):
/// a trained task, an example seed and whether to take its input or its target. So the data order does
/// not depend on threads or on where a run was resumed.
/// </summary>
public sealed class AutoencoderImages
{
    // Distinct salts keep the training, calibration and validation streams unrelated.
    private const ulong TrainSalt = 0x41455F747261696EUL;
    private const ulong CalibrationSalt = 0x41455F63616C6962UL;

    private readonly ExampleGenerator _generator;
    private readonly ulong _seed;

    public AutoencoderImages(int imageSize, long seed)
    {
        _generator = new ExampleGenerator(new GeneratorOptions().WithSize(imageSize, imageSize));
        _seed = unchecked((ulong)seed);
    }

    /// <summary>The batch of training step <paramref name="step"/> as a CHW buffer in [-1, 1].</summary>
    public float[] TrainBatch(long step, int batchSize) =>
        ImageTensors.ToChwSigned(Enumerable.Range(0, batchSize).Select(row => TrainImage(TrainSalt, step, row)).ToList());

    /// <summary>A fixed set of training images for latent-scale calibration.</summary>
    public float[] CalibrationImages(int count) =>
        ImageTensors.ToChwSigned(Enumerable.Range(0, count).Select(row => TrainImage(CalibrationSalt, 0, row)).ToList());

    /// <summary>
    /// The fixed validation images: tasks in turn, alternating input and target, seeds 0, 1, ... of
    /// Split.Validation (independent of the run's seed so runs compare on the same images).
    /// </summary>
    public float[] ValidationImages(int count)
    {
        var tasks = EditTasks.Trained;
        var images = new List<RgbImage>(count);
        for (var i = 0; i < count; i++)
        {
            var example = _generator.Generate(tasks[i % tasks.Count], i / tasks.Count, Split.Validation);
            images.Add((i / tasks.Count) % 2 == 0 ? example.Input : example.Target);
        }
        return ImageTensors.ToChwSigned(images);
    }

    private RgbImage TrainImage(ulong salt, long step, int row)
    {
        var mixed = SeedMix.Mix(_seed ^ salt, unchecked((ulong)step), (ulong)row);
        var tasks = EditTasks.Trained;
        var task = tasks[(int)(mixed % (ulong)tasks.Count)];
        var example = _generator.Generate(task, SeedMix.ToSeed(SeedMix.Mix(mixed)), Split.Train);
        return (mixed >> 32 & 1) == 0 ? example.Input : example.Target;
    }
}
