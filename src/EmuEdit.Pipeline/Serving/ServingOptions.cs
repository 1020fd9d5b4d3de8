namespace EmuEdit.Pipeline.Serving;

/// <summary>Limits of the model services' endpoints, bound from the "Serving" configuration section.</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Most instructions or images one call may carry (bounds a call's memory).</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>Largest image side the VAE accepts, pixels.</summary>
    public int MaxImageSide { get; set; } = 2048;

    /// <summary>
    /// Longest instruction the text encoder and the task predictor accept, UTF-16 code units. Above the gateway's
    /// 1000 (Gateway:MaxInstructionLength), so only a caller that skipped the gateway meets it; it bounds the
    /// predictor's n-gram features, which grow with the instruction.
    /// </summary>
    public int MaxInstructionLength { get; set; } = 4096;

    /// <summary>INVALID_ARGUMENT unless 1..<see cref="MaxBatch"/> instructions of at most <see cref="MaxInstructionLength"/> each.</summary>
    public void CheckInstructions(IReadOnlyList<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (instructions.Count == 0) throw Contracts.Tensors.TensorErrors.Invalid("instructions is empty");
        if (instructions.Count > MaxBatch)
            throw Contracts.Tensors.TensorErrors.Invalid($"{instructions.Count} instructions; at most {MaxBatch} a call");
        for (int i = 0; i < instructions.Count; i++)
        {
            if (instructions[i].Length > MaxInstructionLength)
                throw Contracts.Tensors.TensorErrors.Invalid($"instructions[{i}] is {instructions[i].Length} characters; at most {MaxInstructionLength}");
        }
    }

    public void Validate()
    {
        if (MaxBatch < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatch), MaxBatch, "must be at least 1");
        if (MaxImageSide < 1) throw new ArgumentOutOfRangeException(nameof(MaxImageSide), MaxImageSide, "must be at least 1");
        if (MaxInstructionLength < 1) throw new ArgumentOutOfRangeException(nameof(MaxInstructionLength), MaxInstructionLength, "must be at least 1");
    }
}
