using System.Text.Json.Serialization;

namespace EmuEdit.Cli.Bench;

/// <summary>bench/results/model.json: what `emuedit bench model` measured (keys stable, snake_case).</summary>
public sealed record ModelBenchReport
{
    [JsonPropertyName("format")] public string Format { get; init; } = "emuedit-bench-model/1";
    [JsonPropertyName("command")] public required string Command { get; init; }
    [JsonPropertyName("created_utc")] public required DateTimeOffset CreatedUtc { get; init; }
    [JsonPropertyName("machine")] public required MachineInfo Machine { get; init; }
    [JsonPropertyName("parameters")] public required IReadOnlyList<ParameterCounts> Parameters { get; init; }
    [JsonPropertyName("preset")] public required string Preset { get; init; }
    [JsonPropertyName("image_size")] public required int ImageSize { get; init; }
    [JsonPropertyName("latent_shape")] public required int[] LatentShape { get; init; }
    [JsonPropertyName("train_batch")] public required int TrainBatch { get; init; }
    [JsonPropertyName("batched_jobs")] public required int BatchedJobs { get; init; }

    /// <summary>EditorTrainer.Step: text encoding, U-Net forward, backward, clipping, AdamW, EMA (latents precomputed).</summary>
    [JsonPropertyName("train_step")] public required TimingStats TrainStep { get; init; }

    /// <summary>One guided DDIM step of one edit: a 3-row U-Net forward and the guidance/DDIM update.</summary>
    [JsonPropertyName("guided_step_1_job")] public required TimingStats GuidedStepOneJob { get; init; }

    /// <summary>One guided step of <see cref="BatchedJobs"/> edits in one forward (3 rows each).</summary>
    [JsonPropertyName("guided_step_batched")] public required TimingStats GuidedStepBatched { get; init; }

    [JsonPropertyName("autoencoder_encode_1")] public required TimingStats AutoencoderEncode { get; init; }
    [JsonPropertyName("autoencoder_decode_1")] public required TimingStats AutoencoderDecode { get; init; }
}
