using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Engine;

/// <summary>
/// The parts of a checkpoint the sampling loop needs in its own process: the U-Net (eval mode), the noise
/// schedule, the sampler and the built-in task table as plain vectors. The text encoder and autoencoder
/// are not loaded: they sit behind <see cref="Abstractions.IInstructionEncoder"/> and <see cref="Abstractions.ILatentCodec"/>.
/// </summary>
public sealed class EditDenoiser : IDisposable
{
    private readonly nn.Module? _owned;

    private EditDenoiser(ModelConfig config, UNet unet, IReadOnlyList<string> taskNames, float[][] taskVectors, nn.Module? owned)
    {
        Config = config;
        UNet = unet;
        TaskNames = taskNames;
        BuiltInTaskVectors = taskVectors;
        Schedule = new NoiseSchedule(config.Diffusion);
        Sampler = new EditSampler(Schedule);
        _owned = owned;
        unet.eval();
    }

    /// <summary>
    /// Loads config.json, tasks.json, unet.safetensors and tasks.safetensors from a checkpoint folder, and moves
    /// the U-Net to <paramref name="device"/> (CPU when null); conditioning follows it (<see cref="Device"/>).
    /// </summary>
    public static EditDenoiser Load(string modelFolder, Device? device = null)
    {
        var config = ModelCheckpoint.LoadConfig(modelFolder);
        var names = ModelCheckpoint.LoadTaskNames(modelFolder);
        var unet = new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim);
        try
        {
            SafetensorsWeights.Load(unet, Path.Combine(modelFolder, ModelCheckpoint.UNetWeights));
            using var table = new TaskTable(config.Tasks);
            SafetensorsWeights.Load(table, Path.Combine(modelFolder, ModelCheckpoint.TaskTableWeights));
            if (device is not null && device.type != DeviceType.CPU) unet.to(device);
            return new EditDenoiser(config, unet, names, Rows(table), unet);
        }
        catch
        {
            unet.Dispose();
            throw;
        }
    }

    /// <summary>Uses a model already in memory (not owned: the caller keeps it alive and disposes it).</summary>
    public static EditDenoiser FromModel(EmuEditModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new EditDenoiser(model.Config, model.UNet, model.TaskNames, Rows(model.Tasks), owned: null);
    }

    public ModelConfig Config { get; }

    public UNet UNet { get; }

    public NoiseSchedule Schedule { get; }

    public EditSampler Sampler { get; }

    /// <summary>Name of each built-in task-table row.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>The task table's rows, copied out so resolving a task never touches the module.</summary>
    public IReadOnlyList<float[]> BuiltInTaskVectors { get; }

    /// <summary>The device the U-Net's weights live on; conditioning goes there.</summary>
    public Device Device => UNet.parameters().First().device;

    /// <summary>Model input size (square, pixels) from the checkpoint config.</summary>
    public int ImageSize => Config.Autoencoder.ImageSize;

    public void Dispose() => _owned?.Dispose();

    private static float[][] Rows(TaskTable table)
    {
        using var weight = table.Weight.detach().to(ScalarType.Float32, CPU).contiguous();
        var all = weight.data<float>().ToArray();
        var dim = table.EmbeddingDim;
        return Enumerable.Range(0, table.Count).Select(i => all.AsSpan(i * dim, dim).ToArray()).ToArray();
    }
}
