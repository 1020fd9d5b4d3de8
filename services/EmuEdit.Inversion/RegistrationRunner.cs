using System.Buffers.Binary;
using System.Diagnostics;
using EmuEdit.Contracts.Tasks;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Inversion;
using EmuEdit.Queue;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace EmuEdit.Inversion;

/// <summary>
/// Runs one registration job: learns the task's vector from its examples (every model weight frozen),
/// edits the held-out examples with it and scores them, then stores vector and metadata in the registry
/// under the name the registration claimed, which releases the claim in the same transaction. Returns the
/// job's result (<see cref="TaskInversionJobResult"/>).
/// </summary>
public sealed class RegistrationRunner(TaskLearner learner, TaskRegistryStore registry, HeldOutValidator validator, InversionServiceOptions options,
    TimeProvider time, ILogger<RegistrationRunner> logger)
{
    private static readonly JsonFormatter MetadataFormat = new(JsonFormatter.Settings.Default);

    /// <exception cref="InvalidRegistrationException">The job cannot succeed however often it is retried.</exception>
    /// <exception cref="TaskClaimLostException">Another registration holds the name now; this one's result would be stale.</exception>
    public async Task<TaskInversionJobResult> RunAsync(JobLease lease, JobConsumer consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        TaskInversionJob job = Parse(lease);
        string name = job.Name;
        // The registry learns the model's names before anything else, so it refuses them whoever writes.
        await registry.ProtectBuiltInAsync(learner.BuiltInTasks, cancellationToken).ConfigureAwait(false);
        if (learner.BuiltInTasks.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new InvalidRegistrationException($"'{name}' is a built-in task; a learned task cannot take its name.");
        if (await StoredEarlierAsync(name, lease, cancellationToken).ConfigureAwait(false) is { } stored) return stored;
        if ((await registry.GetClaimAsync(name, cancellationToken).ConfigureAwait(false))?.RegistrationId != lease.JobId)
            throw new TaskClaimLostException(name, lease.JobId);

        var examples = job.Examples.Select(LearningExample.FromProto).ToList();
        var heldOut = job.HeldOutExamples.Select(LearningExample.FromProto).ToList();
        var settings = LearnSettings.FromOptions(job.Options);
        LearnedTask learned = await LearnAsync(lease, consumer, name, examples, settings, cancellationToken).ConfigureAwait(false);
        // The same examples, options and seed diverge again on a retry: a NaN vector would only make workers draw garbage.
        if (!learned.Vector.All(float.IsFinite) || !double.IsFinite(learned.FinalLoss(options.LossWindow)))
            throw new InvalidRegistrationException(
                $"Learning '{name}' diverged (final loss {learned.FinalLoss(options.LossWindow)}); register it again with a lower learning_rate.");
        ValidationMetrics? validation = heldOut.Count == 0 ? null : await ValidateAsync(name, learned.Vector, heldOut, job.Options, cancellationToken).ConfigureAwait(false);

        var task = new TaskInfo
        {
            Name = name,
            Description = job.Description,
            BuiltIn = false,
            Source = TaskSource.Inversion,
            CreatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            ExampleCount = examples.Count,
            HeldOutExampleCount = heldOut.Count,
            Metrics = new TaskMetrics { FinalLoss = learned.FinalLoss(options.LossWindow), Validation = validation },
            RegistrationId = lease.JobId,
        };
        task.ExampleInstructions.AddRange(examples.Select(e => e.Instruction).Distinct(StringComparer.Ordinal).Take(options.MaxExampleInstructions));

        using (var span = InversionTelemetry.Source.StartActivity(InversionTelemetry.RegisterSpan))
        {
            span?.SetTag(InversionTelemetry.TaskTag, name);
            TaskRegistryWrite written = await registry.RegisterAsync(name, lease.JobId, Embedding(learned.Vector), MetadataFormat.Format(task), cancellationToken).ConfigureAwait(false);
            task.Version = written.TaskVersion;
            logger.LogInformation("Registered task {Task} version {Version} (registry version {RegistryVersion}) from {Examples} examples; final loss {Loss:G4}",
                name, written.TaskVersion, written.RegistryVersion, examples.Count, task.Metrics.FinalLoss);
            return new TaskInversionJobResult { Task = task, RegistryVersion = written.RegistryVersion };
        }
    }

    /// <summary>
    /// The result of an earlier attempt of this same registration that stored the task (which released the claim)
    /// but died before completing its job: the retry reports it instead of failing for a lost claim.
    /// </summary>
    private async Task<TaskInversionJobResult?> StoredEarlierAsync(string name, JobLease lease, CancellationToken cancellationToken)
    {
        TaskRegistration? registration = await registry.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (registration is null) return null;
        TaskInfo task = RegisteredTaskInfo.Parse(registration.Name, registration.MetadataJson, registration.Version);
        if (task.RegistrationId != lease.JobId) return null;
        long registryVersion = await registry.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Registration {RegistrationId} stored task {Task} version {Version} on an earlier attempt; reporting that",
            lease.JobId, name, registration.Version);
        return new TaskInversionJobResult { Task = task, RegistryVersion = registryVersion };
    }

    private async Task<LearnedTask> LearnAsync(JobLease lease, JobConsumer consumer, string name, IReadOnlyList<LearningExample> examples, LearnSettings settings,
        CancellationToken cancellationToken)
    {
        using var span = InversionTelemetry.Source.StartActivity(InversionTelemetry.LearnSpan);
        span?.SetTag(InversionTelemetry.TaskTag, name);
        span?.SetTag(InversionTelemetry.ExamplesTag, examples.Count);
        span?.SetTag(InversionTelemetry.StepsTag, settings.Steps);
        await using var progress = new ProgressReporter(consumer, lease.JobId, settings.Steps, options.ProgressInterval, time, logger);
        try
        {
            // The optimiser runs synchronously once the examples are encoded: off the caller's thread.
            return await Task.Run(() => learner.LearnAsync(examples, settings, (step, loss) =>
            {
                progress.Record(step, loss);
                InversionTelemetry.Steps.Add(1);
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidExampleException error)
        {
            throw new InvalidRegistrationException(error.Message, error);
        }
    }

    private async Task<ValidationMetrics> ValidateAsync(string name, float[] vector, IReadOnlyList<LearningExample> heldOut, InversionOptions jobOptions,
        CancellationToken cancellationToken)
    {
        using var span = InversionTelemetry.Source.StartActivity(InversionTelemetry.ValidateSpan);
        span?.SetTag(InversionTelemetry.TaskTag, name);
        span?.SetTag(InversionTelemetry.ExamplesTag, heldOut.Count);
        try
        {
            int? steps = jobOptions.HasValidationSteps ? jobOptions.ValidationSteps : null;
            var outputs = await learner.EditAsync(name, vector, heldOut, steps, options.ValidationSeed, cancellationToken).ConfigureAwait(false);
            return validator.Score(heldOut, outputs);
        }
        catch (InvalidExampleException error)
        {
            throw new InvalidRegistrationException(error.Message, error);
        }
    }

    private static TaskInversionJob Parse(JobLease lease)
    {
        try
        {
            TaskInversionJob job = TaskInversionJob.Parser.ParseFrom(lease.Payload.Span);
            if (string.IsNullOrWhiteSpace(job.Name) || job.Examples.Count == 0 || job.Options is null)
                throw new InvalidRegistrationException($"Registration {lease.JobId} has no name, no examples or no options.");
            return job;
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidRegistrationException($"The payload of registration {lease.JobId} is not a TaskInversionJob: {error.Message}", error);
        }
    }

    /// <summary>Registry embeddings are raw little-endian float32 (docs/queue.md).</summary>
    private static byte[] Embedding(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        return bytes;
    }
}
