using EmuEdit.Model.Networks;
using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// Deterministic DDIM (eta = 0) over v-predictions with dual classifier-free guidance. Each
/// <see cref="Step"/> advances every active job by one step in ONE forward of the model: three rows per
/// conditioning row (no image + null text, image + null text, image + text; the task vector in all three),
/// the rows of all jobs concatenated, each row carrying its own job's timestep.
/// </summary>
public sealed class EditSampler(NoiseSchedule schedule)
{
    private readonly NoiseSchedule _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <summary>
    /// Advances each active job (not complete, not cancelled) by one step. Jobs may sit at different
    /// step indices and have different step counts and scales; they must share latent shape and text width.
    /// A job whose token is cancelled is marked cancelled and not advanced.
    /// </summary>
    /// <returns>The jobs advanced by this call.</returns>
    public IReadOnlyList<SamplerJob> Step(IVelocityModel model, IReadOnlyList<SamplerJob> jobs, SamplerCallback? callback = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var job in jobs)
            if (job.IsActive && job.Cancellation.IsCancellationRequested) job.Cancel();
        var active = jobs.Where(j => j.IsActive).ToList();
        if (active.Count == 0) return active;

        var previews = Advance(model, active);
        try
        {
            // Outside the step's dispose scope, so whatever a callback keeps (a cloned preview) survives.
            for (var i = 0; i < active.Count; i++)
            {
                var job = active[i];
                if (callback is not null && !callback(new SamplerProgress(job, job.StepIndex, job.TotalSteps, previews[i])))
                    job.Cancel();
            }
        }
        finally
        {
            foreach (var p in previews) p.Dispose();
        }
        return active;
    }

    /// <summary>Runs one job to the end and returns a copy of its final latent (x0), owned by the caller.</summary>
    /// <exception cref="OperationCanceledException">The token, the job's token or the callback cancelled it.</exception>
    public Tensor Sample(IVelocityModel model, SamplerJob job, SamplerCallback? callback = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        SampleAll(model, new[] { job }, callback, cancellationToken);
        if (!job.IsComplete) throw new OperationCanceledException($"sampling of {job.Id} was cancelled at step {job.StepIndex} of {job.TotalSteps}");
        return job.Latent.clone();
    }

    /// <summary>
    /// Steps all jobs together until each is complete or cancelled; results stay in <see cref="SamplerJob.Latent"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void SampleAll(IVelocityModel model, IReadOnlyList<SamplerJob> jobs, SamplerCallback? callback = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        while (jobs.Any(j => j.IsActive))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(model, jobs, callback);
        }
    }

    /// <summary>One forward for all <paramref name="jobs"/>, then each job's DDIM update; returns their x0 previews.</summary>
    private Tensor[] Advance(IVelocityModel model, List<SamplerJob> jobs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var velocity = Forward(model, jobs);
        var previews = new Tensor[jobs.Count];
        long offset = 0;
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            var rows = job.Rows;
            using var uncond = velocity.narrow(0, offset, rows);
            using var imageOnly = velocity.narrow(0, offset + rows, rows);
            using var full = velocity.narrow(0, offset + 2 * rows, rows);
            offset += 3 * rows;
            using var guided = DualGuidance.Combine(uncond, imageOnly, full, job.Guidance);
            previews[i] = DenoiseStep(job, guided).DetachFromDisposeScope();
        }
        return previews;
    }

    /// <summary>One DDIM update of <paramref name="job"/>; returns the guided estimate of the image latent (scope-owned).</summary>
    private Tensor DenoiseStep(SamplerJob job, Tensor guidedVelocity)
    {
        var xt = job.Latent;
        var alphaBar = _schedule.AlphaBar(job.CurrentTimestep);
        var signal = Math.Sqrt(alphaBar);
        var sigma = Math.Sqrt(1 - alphaBar);
        using var v = guidedVelocity.to(xt.dtype);
        using var sx = xt.Times(signal);
        using var sv = v.Times(sigma);
        using var x0 = sx - sv;
        var estimate = job.ToImageLatent(x0);
        if (job.NextTimestep is not int next)
        {
            // Last step: the trailing schedule's next alpha_bar is 1, i.e. the result is x0 itself.
            job.Advance(estimate.clone());
            return estimate;
        }
        using var sigmaX = xt.Times(sigma);
        using var signalV = v.Times(signal);
        using var noise = sigmaX + signalV;
        var alphaBarNext = _schedule.AlphaBar(next);
        using var keptSignal = x0.Times(Math.Sqrt(alphaBarNext));
        using var keptNoise = noise.Times(Math.Sqrt(1 - alphaBarNext));
        job.Advance(keptSignal + keptNoise);
        return estimate;
    }

    /// <summary>Builds the three-rows-per-job batch and runs the model once; returns v as float32.</summary>
    private static Tensor Forward(IVelocityModel model, List<SamplerJob> jobs)
    {
        var first = jobs[0];
        var latentShape = first.Latent.shape.Skip(1).ToArray();
        var textWidth = first.Conditioning.TextContext.shape[2];
        long textLength = 0;
        foreach (var job in jobs)
        {
            var c = job.Conditioning;
            if (!job.Latent.shape.Skip(1).SequenceEqual(latentShape) || c.TextContext.shape[2] != textWidth || c.NullTextContext.shape[2] != textWidth)
                throw new ArgumentException($"job {job.Id} cannot share a batch with {first.Id}: latent or text width differ");
            textLength = Math.Max(textLength, Math.Max(c.TextContext.shape[1], c.NullTextContext.shape[1]));
        }

        var modelType = first.Conditioning.ImageLatent.dtype;
        var zt = new List<Tensor>();
        var timesteps = new List<long>();
        var image = new List<Tensor>();
        var context = new List<Tensor>();
        var mask = new List<Tensor>();
        var task = new List<Tensor>();
        foreach (var job in jobs)
        {
            var c = job.Conditioning;
            var latent = job.Latent.to(modelType);
            zt.AddRange(new[] { latent, latent, latent });
            timesteps.AddRange(Enumerable.Repeat((long)job.CurrentTimestep, (int)(3 * job.Rows)));
            image.AddRange(new[] { zeros_like(c.ImageLatent), c.ImageLatent, c.ImageLatent });
            var nullContext = TextPadding.PadContext(c.NullTextContext, textLength);
            var nullMask = TextPadding.PadMask(c.NullTextMask, textLength);
            context.AddRange(new[] { nullContext, nullContext, TextPadding.PadContext(c.TextContext, textLength) });
            mask.AddRange(new[] { nullMask, nullMask, TextPadding.PadMask(c.TextMask, textLength) });
            task.AddRange(new[] { c.Task, c.Task, c.Task });
        }

        var device = first.Conditioning.ImageLatent.device;
        using var ztBatch = cat(zt, 0);
        using var tBatch = tensor(timesteps.ToArray(), ScalarType.Int64, device);
        using var imageBatch = cat(image, 0);
        using var contextBatch = cat(context, 0);
        using var maskBatch = cat(mask, 0);
        using var taskBatch = cat(task, 0);
        using var v = model.PredictVelocity(ztBatch, tBatch, imageBatch, contextBatch, maskBatch, taskBatch);
        return v.to(ScalarType.Float32);
    }
}
