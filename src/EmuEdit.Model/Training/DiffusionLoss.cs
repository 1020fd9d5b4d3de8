using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// The v-prediction diffusion loss (paper eq. 2/3 with v for eps): per row t ~ U{0..T-1}, eps ~ N(0, I),
/// z_t = sqrt(ab)·x + sqrt(1-ab)·eps, target v = sqrt(ab)·eps - sqrt(1-ab)·x, MSE to the model's v, with
/// conditioning dropout. All draws come from its own seeded generator, on the CPU so a seed means the
/// same draws on any device; the generator state is saved with training state.
/// </summary>
public sealed class DiffusionLoss : IDisposable
{
    private readonly NoiseSchedule _schedule;
    private readonly DiffusionOptions _options;
    private readonly Generator _generator;

    /// <summary>A loss whose random draws start from <paramref name="seed"/>.</summary>
    public DiffusionLoss(NoiseSchedule schedule, DiffusionOptions options, long seed)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _generator = new Generator(unchecked((ulong)seed));
    }

    /// <summary>
    /// The scalar mean-squared error between the model's v and the target v for <paramref name="batch"/>,
    /// differentiable in the model and in the batch's tensors.
    /// </summary>
    /// <param name="applyDropout">Apply text/image/both and task dropout (the draws are made either way,
    /// so turning it off does not shift the other draws).</param>
    public Tensor Compute(IVelocityModel model, DiffusionBatch batch, bool applyDropout = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        // The residual is taken against the true input even on rows whose image the dropout hides: every
        // branch of the guidance then predicts in the same frame, the one the sampler adds the input back to.
        var x0 = _schedule.DiffusesResidual ? batch.TargetLatent - batch.Conditioning.ImageLatent.to(batch.TargetLatent.dtype) : batch.TargetLatent;
        var rows = x0.shape[0];
        var device = x0.device;
        var timesteps = randint(0, _schedule.TrainTimesteps, new long[] { rows }, ScalarType.Int64, CPU, generator: _generator);
        var noise = randn(x0.shape, ScalarType.Float32, CPU, generator: _generator).to(x0.dtype, device);
        var u = rand(new long[] { rows }, ScalarType.Float64, CPU, generator: _generator);
        var taskU = rand(new long[] { rows }, ScalarType.Float64, CPU, generator: _generator);

        var c = applyDropout ? ConditioningDropout.Apply(batch.Conditioning, u, taskU, _options) : batch.Conditioning;
        var t = timesteps.to(device);
        var zt = _schedule.AddNoise(x0, noise, t);
        var target = _schedule.VelocityTarget(x0, noise, t);
        var v = model.PredictVelocity(zt.to(c.ImageLatent.dtype), t, c.ImageLatent, c.TextContext, c.TextMask, c.Task);
        return nn.functional.mse_loss(v.to(ScalarType.Float32), target.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }

    /// <summary>Writes the generator state so a resumed run makes the same draws.</summary>
    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var state = _generator.get_state();
        var bytes = state.data<byte>().ToArray();
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length) throw new EndOfStreamException("truncated diffusion loss generator state");
        using var state = tensor(bytes, ScalarType.Byte);
        _generator.set_state(state);
    }

    /// <summary>Frees the generator.</summary>
    public void Dispose() => _generator.Dispose();
}
