using EmuEdit.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using AutoencoderNet = EmuEdit.Model.Networks.Autoencoder;

namespace EmuEdit.Training.Autoencoder;

/// <summary>
/// Optimises an autoencoder on its own loss (reconstruction + KL, through a sampled latent) with AdamW.
/// The state holds everything a bit-exact continuation needs: step, weights, optimiser moments and the
/// generator the latent samples come from.
/// </summary>
public sealed class AutoencoderTrainer : IDisposable
{
    private const string StateMagic = "EmuEdit.AutoencoderTrainer";
    private const int StateVersion = 1;

    private readonly AutoencoderNet _autoencoder;
    private readonly AutoencoderTrainingOptions _options;
    private readonly AdamW _optimizer;
    private readonly Generator _generator;

    public AutoencoderTrainer(AutoencoderNet autoencoder, AutoencoderTrainingOptions options)
    {
        _autoencoder = autoencoder ?? throw new ArgumentNullException(nameof(autoencoder));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        // Only what trains: a frozen encoder (decoder fine-tuning) gets no moments and no weight decay.
        var trainable = autoencoder.parameters().Where(p => p.requires_grad).ToList();
        if (trainable.Count == 0) throw new ArgumentException("the autoencoder has no trainable parameters", nameof(autoencoder));
        _optimizer = optim.AdamW(trainable, options.LearningRateAt(0), options.Beta1, options.Beta2, options.AdamEpsilon, options.WeightDecay);
        // A CPU generator: the same seed gives the same latent noise wherever the weights live.
        _generator = new Generator(unchecked((ulong)options.Seed));
    }

    public long StepCount { get; private set; }

    /// <summary>One optimiser step on images in [-1, 1] [B, 3, H, W]; returns the loss parts.</summary>
    public AutoencoderStepResult Step(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        _autoencoder.train();
        var lr = _options.LearningRateAt(StepCount);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var loss = _autoencoder.Loss(images, _generator);
        loss.Total.backward();
        _optimizer.step();
        StepCount++;
        return new AutoencoderStepResult(StepCount, loss.Total.item<float>(), loss.Reconstruction.item<float>(), loss.Kl.item<float>(), lr);
    }

    /// <summary>Mean reconstruction PSNR (dB on [0, 1] pixels) of the deterministic path E mean → D.</summary>
    public double ValidationPsnr(Tensor images, int chunk)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _autoencoder.eval();
        var psnr = new List<double>();
        foreach (var part in images.split(chunk))
            psnr.AddRange(ImageTensors.Psnr(_autoencoder.Decode(_autoencoder.Encode(part)), part));
        _autoencoder.train();
        return psnr.Average();
    }

    public void SaveState(string path)
    {
        using var file = File.Create(path);
        using var writer = new BinaryWriter(file);
        writer.Write(StateMagic);
        writer.Write(StateVersion);
        writer.Write(StepCount);
        _autoencoder.save(writer);
        _optimizer.save_state_dict(writer);
        using var state = _generator.get_state();
        var bytes = state.data<byte>().ToArray();
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public void LoadState(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        if (reader.ReadString() != StateMagic) throw new InvalidDataException($"{path} is not an autoencoder trainer state");
        var version = reader.ReadInt32();
        if (version != StateVersion) throw new InvalidDataException($"{path}: state version {version}, expected {StateVersion}");
        var step = reader.ReadInt64();
        _autoencoder.load(reader);
        _optimizer.load_state_dict(reader);
        var bytes = reader.ReadBytes(reader.ReadInt32());
        using var state = tensor(bytes, ScalarType.Byte);
        _generator.set_state(state);
        StepCount = step;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _generator.Dispose();
    }
}
