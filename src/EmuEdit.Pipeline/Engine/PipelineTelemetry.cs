using System.Diagnostics;

namespace EmuEdit.Pipeline.Engine;

/// <summary>Span names of the engine (ActivitySource <see cref="SourceName"/>), so an edit's trace shows where its time went.</summary>
public static class PipelineTelemetry
{
    public const string SourceName = "EmuEdit.Pipeline";

    public const string PredictSpan = "pipeline.predict";
    public const string EncodeSpan = "pipeline.encode";
    public const string SampleSpan = "pipeline.sample";
    public const string DecodeSpan = "pipeline.decode";

    /// <summary>Tags: the task used, its probability, the steps taken and the batch sizes a job was sampled in.</summary>
    public const string TaskTag = "emuedit.task";
    public const string TaskProbabilityTag = "emuedit.task.probability";
    public const string StepsTag = "emuedit.steps";
    public const string StepsDoneTag = "emuedit.steps.done";
    public const string MaxBatchTag = "emuedit.batch.max";

    public static ActivitySource Source { get; } = new(SourceName);
}
