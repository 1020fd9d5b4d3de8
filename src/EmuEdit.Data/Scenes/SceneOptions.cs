namespace EmuEdit.Data.Scenes;

/// <summary>Tunables of the random scene sampler.</summary>
public sealed record SceneOptions
{
    public int Width { get; init; } = 64;
    public int Height { get; init; } = 64;
    public int MinObjects { get; init; } = 1;
    public int MaxObjects { get; init; } = 4;
    /// <summary>Chance that an object is a person (needed often enough for the pose task).</summary>
    public double PersonProbability { get; init; } = 0.08;
    public double PatternedObjectProbability { get; init; } = 0.25;
    public double TextProbability { get; init; } = 0.3;
    /// <summary>Chance that an object is placed to overlap another (occlusion).</summary>
    public double OverlapProbability { get; init; } = 0.25;
    /// <summary>Minimum centre distance, in units of the two sizes summed, for objects that should not overlap.</summary>
    public float SeparationFactor { get; init; } = 1.05f;
    /// <summary>Relative weights of solid, vertical gradient, horizontal gradient, pattern, landscape.</summary>
    public double[] BackgroundWeights { get; init; } = [3, 2, 1, 1, 3];
    /// <summary>Words up to this length are drawn at font scale 2 (10x14 px glyphs at 64 px).</summary>
    public int LargeTextMaxLength { get; init; } = 4;
    public double SunProbability { get; init; } = 0.6;
    /// <summary>Words scenes write (upper case, letters and digits only, at most 5 characters).</summary>
    public string[] Words { get; init; } =
        ["SUN", "MOON", "CAT", "DOG", "HI", "YES", "NO", "STOP", "GO", "EMU", "TOP", "OK", "BOX", "FOX", "ZIP", "SALE", "OPEN", "BIG", "RUN", "SKY", "42", "7", "A1", "2024", "JOY", "TAXI", "CAFE", "EXIT", "WOW", "UP"];
}
