namespace EmuEdit.Evaluation;

/// <summary>
/// Ground-truth scores of one edit (the synthetic benchmark knows the true target and mask).
/// Distances are mean L1 on [0, 1] pixels; null where the region is empty.
/// </summary>
public sealed record EditScore
{
    /// <summary>L1(input, output) over the whole image, as the paper reports it.</summary>
    public required double InputOutputL1 { get; init; }

    /// <summary>Distance of the output to the target inside the mask: did it do the edit.</summary>
    public required double? TargetL1Inside { get; init; }

    /// <summary>Distance of the input to the target inside the mask: how much editing was asked for.</summary>
    public required double? InputTargetL1Inside { get; init; }

    /// <summary>Distance of the output to the input outside the mask: did it keep the rest.</summary>
    public required double? InputL1Outside { get; init; }

    public required double PsnrToTarget { get; init; }

    public required bool Success { get; init; }
}
