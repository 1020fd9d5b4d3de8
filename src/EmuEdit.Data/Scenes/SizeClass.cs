namespace EmuEdit.Data.Scenes;

/// <summary>Named size bins: captions say "small"/"big", so a resize must move an object across a bin.</summary>
public enum SizeClass
{
    Small,
    Medium,
    Big,
}

public static class SizeClasses
{
    public const float SmallBelow = 0.1f;
    public const float BigAbove = 0.155f;

    public static SizeClass Of(float size) => size < SmallBelow ? SizeClass.Small : size > BigAbove ? SizeClass.Big : SizeClass.Medium;

    /// <summary>Half-extent range that lies well inside each bin.</summary>
    public static (float Min, float Max) Range(SizeClass c) => c switch
    {
        SizeClass.Small => (0.07f, 0.09f),
        SizeClass.Medium => (0.11f, 0.14f),
        _ => (0.17f, 0.21f),
    };

    /// <summary>Caption adjective; medium objects get none.</summary>
    public static string? Adjective(this SizeClass c) => c switch
    {
        SizeClass.Small => "small",
        SizeClass.Big => "big",
        _ => null,
    };
}
