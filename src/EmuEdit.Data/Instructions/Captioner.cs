using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Instructions;

/// <summary>
/// Describes a scene in one sentence. Every attribute an edit can change (colour, kind, size, pattern,
/// background, text, effects, modality) appears, so a caption changes whenever the scene does.
/// </summary>
public static class Captioner
{
    public static string Describe(SceneObject o)
    {
        var words = new List<string>();
        if (o.SizeClass.Adjective() is { } size) words.Add(size);
        words.Add(o.ColorKind());
        var text = string.Join(' ', words);
        if (o.Texture != TextureKind.Solid) text += $" with {o.TextureColor} {o.Texture.Noun()}";
        return text;
    }

    public static string Background(BackgroundSpec bg) => bg.Kind switch
    {
        BackgroundKind.Solid => $"on a plain {bg.Color} background",
        BackgroundKind.VerticalGradient => $"on a {bg.Color} to {bg.Color2} gradient from top to bottom",
        BackgroundKind.HorizontalGradient => $"on a {bg.Color} to {bg.Color2} gradient from left to right",
        BackgroundKind.Pattern => $"on a {bg.Pattern.Adjective()} {bg.Color} and {bg.Color2} background",
        _ => $"in a landscape with {bg.Color} sky and {bg.Color2} ground" + (bg.Sun ? " under a sun" : ""),
    };

    public static string Caption(Scene scene)
    {
        string objects = scene.Objects.Count == 0 ? "nothing" : Join(scene.Objects.Select(o => Article(Describe(o))).ToList());
        var text = $"{objects} {Background(scene.Background)}";
        foreach (var t in scene.Texts) text += $", with the {t.Color} text \"{t.Text}\"";
        foreach (var e in scene.Effects) text += Effect(e, scene);
        return scene.Modality switch
        {
            Modality.Image => text,
            Modality.Sketch => "a sketch of " + text,
            Modality.Depth => "a depth map of " + text,
            Modality.Normal => "a normal map of " + text,
            Modality.Segmentation => "a segmentation map of " + text,
            Modality.Pose => "a keypoint pose map of " + text,
            Modality.LowRes => "a low-resolution picture of " + text,
            Modality.Contour => "the object contours of " + text,
            Modality.Masked => text + ", with a gray hole",
            _ => text,
        };
    }

    private static string Effect(SceneEffect e, Scene scene) => e.Kind switch
    {
        EffectKind.Night => ", at night",
        EffectKind.Winter => ", in winter with snow",
        EffectKind.Sunset => ", at sunset",
        EffectKind.Fog => ", in thick fog",
        EffectKind.Rain => ", in the rain",
        EffectKind.PixelArt => ", as pixel art",
        EffectKind.Posterize => ", posterized",
        EffectKind.PencilSketch => ", as a pencil sketch",
        EffectKind.Sepia => ", in sepia",
        EffectKind.Comic => ", in comic style",
        EffectKind.Blur => ", blurred",
        EffectKind.Sharpen => ", sharpened",
        EffectKind.Brighten => ", brightened",
        EffectKind.Darken => ", darkened",
        EffectKind.MoreContrast => ", with high contrast",
        EffectKind.LessContrast => ", with low contrast",
        EffectKind.Saturate => ", with vivid colours",
        EffectKind.Desaturate => ", in black and white",
        EffectKind.Box => $", with a box around the {Target(e, scene)}",
        EffectKind.Overlay => $", with the {Target(e, scene)} highlighted",
        _ => "",
    };

    private static string Target(SceneEffect e, Scene scene) =>
        e.ObjectId is int id && scene.Find(id) is { } o ? Describe(o) : "object";

    public static string Article(string phrase) => ("aeiou".Contains(phrase[0]) ? "an " : "a ") + phrase;

    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
