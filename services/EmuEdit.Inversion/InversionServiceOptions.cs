using EmuEdit.Evaluation;
using EmuEdit.Pipeline.Serving;

namespace EmuEdit.Inversion;

/// <summary>
/// The inversion service's settings, section "Inversion" (docs/pipeline.md). <see cref="WorkerId"/>, <see cref="Device"/>,
/// <see cref="DrainTimeout"/> and <see cref="HandBackTimeout"/> are also read from section "Worker", under the
/// names the diffusion worker uses, so one deployment template serves both (k8s/base/inversion.yaml).
/// </summary>
public sealed class InversionServiceOptions
{
    public const string SectionName = "Inversion";

    /// <summary>The diffusion worker's section, read first: its WorkerId, Device, DrainTimeout and HandBackTimeout apply here too.</summary>
    public const string WorkerSectionName = "Worker";

    /// <summary>This service's name in the registration queue (processing list, heartbeat); unset = host name plus a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>On SIGTERM, how long the running registration may go on before it is stopped and handed back to the queue.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time after the drain for handing the registration back; the host's shutdown timeout is the two together.</summary>
    public TimeSpan HandBackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where learning and held-out edits run: cpu [default], cuda or cuda:N (a GPU build, as the worker's Worker:Device).</summary>
    public string Device { get; set; } = WorkerDevice.Cpu;

    /// <summary>How often, at most, progress (step and loss) is written to the registration's job.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The final loss is the mean of this many last optimiser steps (one step's loss depends on its random timestep).</summary>
    public int LossWindow { get; set; } = 20;

    /// <summary>Noise seed of every held-out edit, so two registrations of the same examples are scored alike.</summary>
    public ulong ValidationSeed { get; set; }

    /// <summary>Most distinct example instructions the registry keeps for ListTasks.</summary>
    public int MaxExampleInstructions { get; set; } = 5;

    /// <summary>
    /// A held-out pixel counts as one the edit must change when its expected output differs from its input by
    /// more than this (mean over RGB, pixels in [0, 1]); the others must stay. Held-out examples carry no mask.
    /// </summary>
    public double ChangedPixelThreshold { get; set; } = 0.05;

    /// <summary>Success: inside the changed pixels the output is at most this fraction of the input's distance to the target.</summary>
    public double InsideRatio { get; set; } = new EvaluationOptions().InsideRatio;

    /// <summary>Success: elsewhere the output stays within this mean L1 of the input.</summary>
    public double OutsideL1 { get; set; } = new EvaluationOptions().OutsideL1;

    public EvaluationOptions Evaluation => new() { InsideRatio = InsideRatio, OutsideL1 = OutsideL1 };

    public void Validate()
    {
        if (ProgressInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:{nameof(ProgressInterval)} must be positive, got {ProgressInterval}.");
        if (LossWindow < 1) throw new ArgumentException($"{SectionName}:{nameof(LossWindow)} must be at least 1, got {LossWindow}.");
        if (MaxExampleInstructions < 0) throw new ArgumentException($"{SectionName}:{nameof(MaxExampleInstructions)} must not be negative, got {MaxExampleInstructions}.");
        if (ChangedPixelThreshold is < 0 or >= 1) throw new ArgumentException($"{SectionName}:{nameof(ChangedPixelThreshold)} must be within [0, 1), got {ChangedPixelThreshold}.");
        if (InsideRatio is <= 0 or > 1) throw new ArgumentException($"{SectionName}:{nameof(InsideRatio)} must be within (0, 1], got {InsideRatio}.");
        if (OutsideL1 is < 0 or > 1) throw new ArgumentException($"{SectionName}:{nameof(OutsideL1)} must be within [0, 1], got {OutsideL1}.");
        if (WorkerId is not null && string.IsNullOrWhiteSpace(WorkerId)) throw new ArgumentException($"{SectionName}:{nameof(WorkerId)} must not be blank when set.");
        if (DrainTimeout < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:{nameof(DrainTimeout)} must not be negative, got {DrainTimeout}.");
        if (HandBackTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:{nameof(HandBackTimeout)} must be positive, got {HandBackTimeout}.");
        WorkerDevice.Parse(Device);
    }

    /// <summary>Section "Worker", then section "Inversion" over it.</summary>
    public static InversionServiceOptions Bind(IConfiguration configuration)
    {
        var options = new InversionServiceOptions();
        configuration.GetSection(WorkerSectionName).Bind(options);
        configuration.GetSection(SectionName).Bind(options);
        return options;
    }

    public string ResolveWorkerId() => WorkerId ?? $"{Environment.MachineName}-inversion-{Guid.NewGuid().ToString("N")[..8]}";
}
