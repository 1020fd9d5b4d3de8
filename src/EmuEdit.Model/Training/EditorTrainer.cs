using EmuEdit.Model.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// Trains an editor on the diffusion loss (paper eq. 2): AdamW with linear warmup, global gradient-norm
/// clipping, an EMA of the weights and a step counter. <see cref="SaveState(Stream)"/> writes everything a
/// run needs to continue at the exact step with identical results: weights, optimiser moments, EMA, step
/// and the loss's random generator.
/// </summary>
public sealed class EditorTrainer : IDisposable
{
    private const string StateMagic = "EmuEdit.EditorTrainer";
    private const int StateVersion = 1;

    private readonly nn.Module _module;
    private readonly IVelocityModel _model;
    private readonly TrainingOptions _options;
    private readonly List<Parameter> _parameters;
    private readonly AdamW _optimizer;
    private readonly DiffusionLoss _loss;

    /// <param name="module">Owns the trainable parameters (those with requires_grad), usually the same object as <paramref name="model"/>.</param>
    /// <param name="model">The network the loss calls.</param>
    /// <param name="schedule">The forward process.</param>
    /// <param name="diffusion">Conditioning dropout probabilities.</param>
    /// <param name="training">Optimiser, clipping, EMA and seed.</param>
    public EditorTrainer(nn.Module module, IVelocityModel model, NoiseSchedule schedule, DiffusionOptions diffusion, TrainingOptions training)
    {
        _module = module ?? throw new ArgumentNullException(nameof(module));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = training ?? throw new ArgumentNullException(nameof(training));
        training.Validate();
        _parameters = module.parameters().Where(p => p.requires_grad).ToList();
        if (_parameters.Count == 0) throw new ArgumentException("the module has no trainable parameters", nameof(module));
        _optimizer = optim.AdamW(_parameters, training.LearningRateAt(0), training.Beta1, training.Beta2, training.AdamEpsilon, training.WeightDecay);
        _loss = new DiffusionLoss(schedule, diffusion, training.Seed);
        Ema = new ExponentialMovingAverage(module, training.EmaDecay);
    }

    /// <summary>Optimiser steps completed (restored by <see cref="LoadState(Stream)"/>).</summary>
    public long StepCount { get; private set; }

    /// <summary>The weight averages; apply them to sample or export.</summary>
    public ExponentialMovingAverage Ema { get; }

    /// <summary>One optimiser step on <paramref name="batch"/>.</summary>
    public TrainingStepResult Step(DiffusionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Ema.IsApplied) throw new InvalidOperationException("restore the training weights (Ema.Restore) before training");
        _module.train();
        var lr = _options.LearningRateAt(StepCount);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;

        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var loss = _loss.Compute(_model, batch);
        loss.backward();
        var norm = _options.GradientClipNorm > 0
            ? nn.utils.clip_grad_norm_(_parameters, _options.GradientClipNorm)
            : GradientNorm();
        _optimizer.step();
        Ema.Update();
        StepCount++;
        return new TrainingStepResult(StepCount, loss.item<float>(), norm, lr);
    }

    /// <summary>Writes weights, optimiser state, EMA, step count and loss generator state.</summary>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(StateMagic);
        writer.Write(StateVersion);
        writer.Write(StepCount);
        _module.save(writer);
        _optimizer.save_state_dict(writer);
        Ema.Save(writer);
        _loss.SaveState(writer);
    }

    /// <summary>Writes the training state to a file (see <see cref="SaveState(Stream)"/>).</summary>
    public void SaveState(string path)
    {
        using var file = File.Create(path);
        SaveState(file);
    }

    /// <summary>Restores a state written by <see cref="SaveState(Stream)"/> for the same architecture and options.</summary>
    public void LoadState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != StateMagic) throw new InvalidDataException("not an EditorTrainer state");
        var version = reader.ReadInt32();
        if (version != StateVersion) throw new InvalidDataException($"EditorTrainer state version {version}, expected {StateVersion}");
        var step = reader.ReadInt64();
        _module.load(reader);
        _optimizer.load_state_dict(reader);
        Ema.Load(reader);
        _loss.LoadState(reader);
        StepCount = step;
    }

    /// <summary>Restores the training state from a file.</summary>
    public void LoadState(string path)
    {
        using var file = File.OpenRead(path);
        LoadState(file);
    }

    /// <summary>Frees the optimiser, EMA and loss generator (not the module).</summary>
    public void Dispose()
    {
        _optimizer.Dispose();
        Ema.Dispose();
        _loss.Dispose();
    }

    private double GradientNorm()
    {
        using var scope = NewDisposeScope();
        var squares = _parameters.Where(p => p.grad is not null).Select(p => p.grad!.square().sum()).ToList();
        return squares.Count == 0 ? 0 : stack(squares).sum().sqrt().item<float>();
    }
}
