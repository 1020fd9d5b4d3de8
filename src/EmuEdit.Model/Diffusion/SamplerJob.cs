using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// One edit's sampling state, so a worker can advance many jobs together (continuous batching):
/// its conditioning, guidance scales, trailing timesteps, current latent and step index.
/// </summary>
/// <remarks>
/// The job owns <see cref="Latent"/> (dispose the job to free it); it only references
/// <see cref="Conditioning"/>, which the caller keeps alive until the job is finished.
/// Every row of the conditioning ([B, ...], usually B = 1) is sampled with the same timesteps and scales.
/// </remarks>
public sealed class SamplerJob : IDisposable
{
    private readonly int[] _timesteps;
    private Tensor _latent;

    /// <summary>Starts a job from pure noise drawn from its own generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="schedule">Supplies the trailing timesteps for <paramref name="steps"/>.</param>
    /// <param name="conditioning">Encoded input image, instruction, null instruction and task, [B, ...].</param>
    /// <param name="steps">DDIM steps (see <see cref="DiffusionOptions.DefaultInferenceSteps"/>).</param>
    /// <param name="guidance">gamma_I and gamma_T for this job.</param>
    /// <param name="seed">Seeds the initial noise; the same seed and inputs give bit-identical results.</param>
    /// <param name="id">A caller's name for the job, for logs and callbacks.</param>
    /// <param name="cancellation">Cancels this job only: the sampler stops advancing it.</param>
    public SamplerJob(NoiseSchedule schedule, EditConditioning conditioning, int steps, GuidanceScales guidance, long seed,
        string? id = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(conditioning);
        CheckRows(conditioning);
        Conditioning = conditioning;
        Guidance = guidance;
        Seed = seed;
        Id = id ?? $"job-{seed}";
        Cancellation = cancellation;
        _timesteps = schedule.TrailingTimesteps(steps);
        DiffusesResidual = schedule.DiffusesResidual;
        _latent = InitialNoise(conditioning.ImageLatent, seed);
    }

    /// <summary>
    /// A job with the configured step count and guidance scales unless the request names its own.
    /// </summary>
    public static SamplerJob Create(NoiseSchedule schedule, DiffusionOptions options, EditConditioning conditioning, long seed,
        int? steps = null, GuidanceScales? guidance = null, string? id = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SamplerJob(schedule, conditioning, steps ?? options.DefaultInferenceSteps,
            guidance ?? GuidanceScales.FromOptions(options), seed, id, cancellation);
    }

    /// <summary>The caller's name for the job.</summary>
    public string Id { get; }

    /// <summary>The encoded conditioning (not owned).</summary>
    public EditConditioning Conditioning { get; }

    /// <summary>This job's guidance scales.</summary>
    public GuidanceScales Guidance { get; }

    /// <summary>The seed of the initial noise.</summary>
    public long Seed { get; }

    /// <summary>Cancels this job when signalled.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>This job's timesteps, from T-1 down.</summary>
    public IReadOnlyList<int> Timesteps => _timesteps;

    /// <summary>Total DDIM steps.</summary>
    public int TotalSteps => _timesteps.Length;

    /// <summary>Steps done so far; the next step denoises from <c>Timesteps[StepIndex]</c>.</summary>
    public int StepIndex { get; private set; }

    /// <summary>Rows of this job in a batch of the model (three per conditioning row).</summary>
    public long Rows => Conditioning.ImageLatent.shape[0];

    /// <summary>All steps are done and <see cref="Latent"/> is the predicted x0.</summary>
    public bool IsComplete => StepIndex == _timesteps.Length;

    /// <summary>A callback or the job's token stopped it before completion.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>Neither complete nor cancelled.</summary>
    public bool IsActive => !IsComplete && !IsCancelled;

    /// <summary>
    /// The current latent x_t (float32, [B, C, h, w]; for a residual target, x_t of the residual); once
    /// <see cref="IsComplete"/>, the edited image's latent. Owned by the job: clone it to keep it past <see cref="Dispose"/>.
    /// </summary>
    public Tensor Latent => _latent;

    /// <summary>Whether the sampled x0 is a residual that <see cref="ToImageLatent"/> adds the input latent to.</summary>
    public bool DiffusesResidual { get; }

    /// <summary>The image latent an x0 of the diffusion process stands for (x0 itself, or x0 + the input latent).</summary>
    internal Tensor ToImageLatent(Tensor x0) =>
        DiffusesResidual ? x0 + Conditioning.ImageLatent.to(x0.dtype, x0.device) : x0.alias();

    /// <summary>Stops the job; the sampler skips it from now on.</summary>
    public void Cancel() => IsCancelled = true;

    /// <summary>Frees the latent.</summary>
    public void Dispose() => _latent.Dispose();

    /// <summary>The timestep the next step denoises from.</summary>
    internal int CurrentTimestep => _timesteps[StepIndex];

    /// <summary>The timestep after this step, or null when this is the last step (the result is x0).</summary>
    internal int? NextTimestep => StepIndex + 1 < _timesteps.Length ? _timesteps[StepIndex + 1] : null;

    /// <summary>Replaces the latent with the step's result (taking ownership) and counts the step.</summary>
    internal void Advance(Tensor next)
    {
        var old = _latent;
        _latent = next.DetachFromDisposeScope();
        old.Dispose();
        StepIndex++;
    }

    private static Tensor InitialNoise(Tensor like, long seed)
    {
        // Drawn on the CPU in float32 so a seed gives the same noise whatever device or dtype the model uses.
        using var generator = new Generator(unchecked((ulong)seed));
        using var noise = randn(like.shape, ScalarType.Float32, CPU, generator: generator);
        return noise.to(like.device).DetachFromDisposeScope();
    }

    private static void CheckRows(EditConditioning c)
    {
        var b = c.ImageLatent.shape[0];
        if (c.ImageLatent.dim() != 4) throw new ArgumentException("ImageLatent must be [B, C, h, w]", nameof(c));
        foreach (var (t, name) in new[]
                 {
                     (c.TextContext, nameof(c.TextContext)), (c.TextMask, nameof(c.TextMask)),
                     (c.NullTextContext, nameof(c.NullTextContext)), (c.NullTextMask, nameof(c.NullTextMask)), (c.Task, nameof(c.Task)),
                 })
        {
            if (t.shape[0] != b) throw new ArgumentException($"{name} has {t.shape[0]} rows, ImageLatent has {b}", nameof(c));
        }
    }
}
