using EmuEdit.Data.Imaging;

namespace EmuEdit.Data.Scenes;

/// <summary>
/// The named colours scenes and instructions use. Colours are far enough apart that a name always
/// identifies one of them at a glance; magenta and cyan are kept out because the detect and segment
/// tasks mark their output with them.
/// </summary>
public static class Palette
{
    private static readonly (string Name, Rgb Color)[] Entries =
    [
        ("red", new Rgb(0.86f, 0.12f, 0.12f)),
        ("orange", new Rgb(0.98f, 0.55f, 0.08f)),
        ("yellow", new Rgb(0.98f, 0.88f, 0.15f)),
        ("green", new Rgb(0.15f, 0.66f, 0.2f)),
        ("blue", new Rgb(0.15f, 0.3f, 0.9f)),
        ("purple", new Rgb(0.55f, 0.2f, 0.75f)),
        ("pink", new Rgb(0.98f, 0.55f, 0.72f)),
        ("brown", new Rgb(0.5f, 0.3f, 0.12f)),
        ("white", new Rgb(0.96f, 0.96f, 0.96f)),
        ("black", new Rgb(0.08f, 0.08f, 0.08f)),
        ("gray", new Rgb(0.5f, 0.5f, 0.52f)),
        ("teal", new Rgb(0.05f, 0.55f, 0.55f)),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    private static readonly Dictionary<string, Rgb> ByName = Entries.ToDictionary(e => e.Name, e => e.Color);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static Rgb Get(string name) =>
        ByName.TryGetValue(name, out var c) ? c : throw new ArgumentException($"unknown colour '{name}' (known: {string.Join(", ", Names)})", nameof(name));

    /// <summary>A lighter version used for backgrounds, so objects of any other colour stand out.</summary>
    public static Rgb Pastel(string name) => Rgb.Lerp(Get(name), new Rgb(1, 1, 1), name is "white" or "black" ? 0.15f : 0.45f);
}
