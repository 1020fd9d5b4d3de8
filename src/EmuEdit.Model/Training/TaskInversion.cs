using EmuEdit.Model.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// Learns a task vector for a new task from a few examples (paper eq. 3): every weight of the model is
/// frozen and only v_new is optimised, with the diffusion loss. The model is left bit-identical, so it
/// keeps serving its old tasks while the new vector goes into the task registry.
/// </summary>
public sealed class TaskInversion
{
    private readonly nn.Module _module;
    private readonly IVelocityModel _model;
    private readonly NoiseSchedule _schedule;
    private readonly DiffusionOptions _diffusion;
    private readonly TaskInversionOptions _options;

    /// <param name="module">Owns every weight of <paramref name="model"/>; all are frozen for the run.</param>
    /// <param name="model">The network the loss calls.</param>
    /// <param name="schedule">The forward process.</param>
    /// <param name="diffusion">Conditioning dropout probabilities (the task drop is never applied).</param>
    /// <param name="options">Steps, learning rate, batch size, seed.</param>
    public TaskInversion(nn.Module module, IVelocityModel model, NoiseSchedule schedule, DiffusionOptions diffusion, TaskInversionOptions options)
    {
        _module = module ?? throw new ArgumentNullException(nameof(module));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        ArgumentNullException.ThrowIfNull(diffusion);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        // v_new is what is being learned: dropping it to zero would train rows that never use it.
        _diffusion = diffusion.Clone();
        _diffusion.TaskDropProbability = 0;
    }

    /// <summary>
    /// Optimises v_new, starting from <paramref name="initialVector"/> [taskDim] (for instance the mean of
    /// the built-in table, or a related task's vector), on <paramref name="examples"/>.
    /// </summary>
    /// <param name="nullTextContext">The empty instruction's context [L, D], for text dropout.</param>
    /// <param name="nullTextMask">Its mask [L].</param>
    /// <param name="progress">Called after each step with (step, loss), steps counted from 1.</param>
    /// <param name="cancellationToken">Stops between steps; the model is restored either way.</param>
    public TaskInversionResult Run(IReadOnlyList<InversionExample> examples, Tensor initialVector, Tensor nullTextContext, Tensor nullTextMask,
        Action<int, double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(initialVector);
        if (examples.Count == 0) throw new ArgumentException("task inversion needs at least one example", nameof(examples));
        if (initialVector.dim() != 1) throw new ArgumentException("the initial vector must be [taskDim]", nameof(initialVector));

        var frozen = _module.parameters().Select(p => (Parameter: p, p.requires_grad)).ToList();
        var wasTraining = _module.training;
        var vNew = new Parameter(initialVector.detach().to(ScalarType.Float32).clone(), requires_grad: true);
        try
        {
            foreach (var (p, _) in frozen) p.requires_grad = false;
            // Inference behaviour (no dropout layers): the vector should fit the network as it will serve.
            _module.eval();
            using var optimizer = optim.Adam(new[] { vNew }, _options.LearningRate);
            using var loss = new DiffusionLoss(_schedule, _diffusion, _options.Seed);
            // System.Random with a seed is reproducible across runs and platforms; it only picks examples.
            var picker = new Random(unchecked((int)_options.Seed));
            var losses = new List<double>(_options.Steps);
            for (var step = 1; step <= _options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var chosen = Enumerable.Range(0, _options.BatchSize).Select(_ => examples[picker.Next(examples.Count)]).ToList();
                optimizer.zero_grad();
                var value = loss.Compute(_model, Batch(chosen, vNew, nullTextContext, nullTextMask), _options.ConditioningDropout);
                value.backward();
                optimizer.step();
                var l = value.item<float>();
                losses.Add(l);
                progress?.Invoke(step, l);
            }
            return new TaskInversionResult(vNew.detach().clone().DetachFromDisposeScope(), losses);
        }
        finally
        {
            foreach (var (p, requiresGrad) in frozen) p.requires_grad = requiresGrad;
            _module.train(wasTraining);
            vNew.Dispose();
        }
    }

    /// <summary>
    /// Stacks examples into a batch whose task rows are all <paramref name="vector"/> (so gradients reach it):
    /// what inversion optimises, and what fine-tuning on a new task's examples trains on.
    /// </summary>
    public static DiffusionBatch Batch(IReadOnlyList<InversionExample> examples, Tensor vector, Tensor nullTextContext, Tensor nullTextMask)
    {
        var rows = examples.Count;
        var length = examples.Max(e => e.TextContext.shape[0]);
        var contexts = examples.Select(e => TextPadding.PadContext(e.TextContext.unsqueeze(0), length)).ToList();
        var masks = examples.Select(e => TextPadding.PadMask(e.TextMask.unsqueeze(0), length)).ToList();
        var conditioning = new EditConditioning(
            stack(examples.Select(e => e.InputLatent), 0),
            cat(contexts, 0),
            cat(masks, 0),
            nullTextContext.unsqueeze(0).expand(rows, -1, -1),
            nullTextMask.unsqueeze(0).expand(rows, -1),
            vector.unsqueeze(0).expand(rows, -1));
        return new DiffusionBatch(stack(examples.Select(e => e.TargetLatent), 0), conditioning);
    }
}
