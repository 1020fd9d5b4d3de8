namespace EmuEdit.Data.Scenes;

/// <summary>
/// The background. Solid and patterns use <see cref="Color"/> (and <see cref="Color2"/> for the pattern);
/// gradients run from <see cref="Color"/> to <see cref="Color2"/>; a landscape has sky <see cref="Color"/>,
/// ground <see cref="Color2"/> below <see cref="Horizon"/>, and optionally a sun.
/// </summary>
public sealed record BackgroundSpec
{
    public required BackgroundKind Kind { get; init; }
    public required string Color { get; init; }
    public string? Color2 { get; init; }
    public TextureKind Pattern { get; init; } = TextureKind.Solid;
    public float Horizon { get; init; } = 0.65f;
    public bool Sun { get; init; }
    public float SunX { get; init; } = 0.8f;
    public float SunY { get; init; } = 0.18f;

    /// <summary>Named colours that dominate the background; objects avoid them so they stay visible.</summary>
    public IEnumerable<string> DominantColors()
    {
        yield return Color;
        if (Color2 is not null) yield return Color2;
        if (Sun) yield return "yellow";
    }
}
