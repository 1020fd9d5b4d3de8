using System.Diagnostics;
using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Engine;

/// <summary>
/// An edit between <see cref="EditEngine.StartAsync"/> and <see cref="EditEngine.FinishAsync"/>: its
/// conditioning, its sampler job and what the output needs (the input's size, the input image when the edit is
/// thresholded against it). Owns its tensors and its sample span; dispose it when done or abandoned.
/// </summary>
public sealed class ActiveEdit : IDisposable
{
    private Tensor? _pendingPreview;
    private bool _disposed;

    internal ActiveEdit(EditInput input, string task, float taskProbability, ulong seed, int width, int height,
        EditConditioning conditioning, SamplerJob job, Tensor? inputImage, double? thresholdAlpha, Activity? sampleActivity)
    {
        Input = input;
        Task = task;
        TaskProbability = taskProbability;
        Seed = seed;
        Width = width;
        Height = height;
        Conditioning = conditioning;
        Job = job;
        InputImage = inputImage;
        ThresholdAlpha = thresholdAlpha;
        SampleActivity = sampleActivity;
    }

    public EditInput Input { get; }

    public string Id => Input.Id;

    /// <summary>The task used: named by the request or predicted.</summary>
    public string Task { get; }

    /// <summary>The predictor's probability for <see cref="Task"/>; 1 when the request named it.</summary>
    public float TaskProbability { get; }

    public ulong Seed { get; }

    /// <summary>The input image's size, which the output gets back.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Steps done so far.</summary>
    public int Step => Job.StepIndex;

    public int TotalSteps => Job.TotalSteps;

    public bool IsComplete => Job.IsComplete;

    public bool IsCancelled => Job.IsCancelled;

    /// <summary>Neither complete nor cancelled: the next <see cref="EditEngine.Step"/> advances it.</summary>
    public bool IsActive => Job.IsActive;

    /// <summary>Largest number of jobs this edit shared a U-Net forward with (itself included).</summary>
    public int MaxBatchSize { get; internal set; }

    /// <summary>Stops sampling this edit; the others in its batch go on.</summary>
    public void Cancel() => Job.Cancel();

    internal SamplerJob Job { get; }

    internal EditConditioning Conditioning { get; }

    /// <summary>The input as [3, H, W] in [0, 1] at its own size, kept when the edit is thresholded against it.</summary>
    internal Tensor? InputImage { get; }

    /// <summary>The alpha the edit is thresholded with (decided at its start, with <see cref="InputImage"/>); null for none.</summary>
    internal double? ThresholdAlpha { get; }

    internal Activity? SampleActivity { get; }

    /// <summary>An x0 estimate waiting to be decoded as a preview (owned here until taken).</summary>
    internal void SetPendingPreview(Tensor latent)
    {
        _pendingPreview?.Dispose();
        _pendingPreview = latent;
    }

    internal Tensor? TakePendingPreview()
    {
        var preview = _pendingPreview;
        _pendingPreview = null;
        return preview;
    }

    internal void EndSampling()
    {
        if (SampleActivity is null || SampleActivity.IsStopped) return;
        SampleActivity.SetTag(PipelineTelemetry.StepsDoneTag, Step);
        SampleActivity.SetTag(PipelineTelemetry.MaxBatchTag, MaxBatchSize);
        if (IsCancelled) SampleActivity.SetStatus(ActivityStatusCode.Error, "cancelled");
        SampleActivity.Stop();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        EndSampling();
        SampleActivity?.Dispose();
        Job.Dispose();
        _pendingPreview?.Dispose();
        InputImage?.Dispose();
        var c = Conditioning;
        foreach (var t in new[] { c.ImageLatent, c.TextContext, c.TextMask, c.NullTextContext, c.NullTextMask, c.Task }) t.Dispose();
    }
}
