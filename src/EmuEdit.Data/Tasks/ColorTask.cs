using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Color: image adjustments (blur, sharpen, brightness, contrast, saturation), all strong enough to see.</summary>
public sealed class ColorTask : ITaskGenerator
{
    public string Task => EditTasks.Color;

    internal static readonly (EffectKind, PhraseBank)[] Table =
    [
        (EffectKind.Blur, new("color.blur",
            ["blur the image", "make it blurry", "add a blur", "{make} the picture out of focus", "make it less sharp", "blur everything",
             "add a soft blur", "{make} the picture fuzzy", "defocus the picture", "make everything look unfocused",
             "put the whole picture slightly out of focus", "make the objects look smudged and unclear", "blur it quite strongly",
             "the picture should look blurred", "make it look like the camera missed the focus", "give the whole picture a gaussian blur",
             "blurred version, please", "i want it blurrier", "let everything go out of focus", "make the image look dreamy and unsharp"],
            ["soften the focus a lot", "smear the details into a haze"], Make())),
        (EffectKind.Sharpen, new("color.sharpen",
            ["sharpen the image", "make it sharper", "increase the sharpness", "{make} the edges crisper", "sharpen everything",
             "make it more defined", "give it more sharpness", "increase the definition", "make the image more distinct", "reveal the fine detail",
             "improve the sharpness", "give it more clarity", "make it look more in focus", "tighten the focus", "boost the definition",
             "make the objects look razor-sharp", "increase the clarity of the picture", "sharpening filter, please",
             "make every stroke stand out sharply", "{make} the whole picture sharper"],
            ["crisp up the details", "accentuate every edge"], Make())),
        (EffectKind.Brighten, new("color.brighten",
            ["make it brighter", "increase the brightness", "brighten the image", "{make} the picture lighter", "raise the brightness",
             "more brightness, please", "brighten it", "{make} the image brighter overall", "turn the brightness higher", "boost the brightness",
             "increase the luminance", "make everything look brighter", "make the whole picture less gloomy", "the image is too gloomy, brighten it",
             "make it more radiant", "make the picture more illuminated", "raise the overall brightness considerably", "give it more brightness",
             "brighter, please", "make it glow brighter"],
            ["lighten it up a lot", "pump up the exposure"], Make())),
        (EffectKind.Darken, new("color.darken",
            ["make it darker", "decrease the brightness", "darken the image", "{make} the picture dimmer", "reduce the brightness",
             "make it less bright", "darken it slightly", "{make} the image darker overall", "make it dimmer", "decrease the luminance",
             "make everything look darker", "make the whole picture less bright", "the image is too bright, darken it", "darker, please",
             "turn the brightness way lower", "make it gloomier overall", "shade the whole picture darker", "reduce the luminance",
             "set the brightness lower", "give it less brightness"],
            ["dim the picture down", "lower the exposure"], Make())),
        (EffectKind.MoreContrast, new("color.contrast_up",
            ["increase the contrast", "make it more contrasty", "boost the contrast", "{make} the contrast higher", "more contrast, please",
             "raise the contrast", "add contrast", "{make} the contrast stronger", "make the shadows and highlights stronger",
             "push the shadows and highlights further apart", "more separation of shadows and highlights", "make it look more dramatic and contrasty",
             "strengthen the contrast", "heighten the contrast", "amplify the contrast", "make the bright parts brighter and the shadows blacker",
             "crank the contrast higher", "give it a high-contrast look"],
            ["punch up the contrast", "deepen the difference between lights and darks"], Make())),
        (EffectKind.LessContrast, new("color.contrast_down",
            ["reduce the contrast", "lower the contrast", "make it less contrasty", "{make} the contrast flat", "less contrast, please",
             "decrease the contrast", "weaken the contrast", "{make} the contrast weaker", "make the shadows and highlights more alike",
             "even out the shadows and highlights", "compress the range from shadows to highlights", "make it look low-contrast",
             "pull the shadows and highlights closer together", "diminish the contrast", "give it a low-contrast look", "make it look dull and even",
             "ease the contrast", "trim the contrast"],
            ["flatten the tones", "mute the difference between lights and darks"], Make())),
        (EffectKind.Saturate, new("color.saturate",
            ["make the colours more vivid", "increase the saturation", "boost the colours", "{make} it more saturated", "make the colours stronger",
             "more saturation, please", "give it richer colours", "make the colours more vibrant", "make the colours richer", "saturate the colours",
             "amplify the colours", "make it more vibrant overall", "make the colours really stand out", "boost the vibrance", "more vivid, please",
             "crank the saturation higher", "make the colours vivid and juicy", "make everything richer in colour", "strengthen the colours",
             "heighten the saturation"],
            ["pump up the colour intensity", "let the hues pop"], Make())),
        (EffectKind.Desaturate, new("color.desaturate",
            ["make it black and white", "remove the colour", "desaturate the image", "{make} it grayscale", "make it monochrome",
             "take the colour out", "no colour, please", "make the colours dull and gray", "make it gray", "strip the colour",
             "switch it to grayscale", "make the colours fade to gray", "reduce the saturation", "make it devoid of colour", "make the colours paler",
             "lower the saturation", "get rid of the colour", "decolourise the picture", "make the colours less vivid", "greyscale version, please"],
            ["drain all the hues", "wash out every colour completely"], Make())),
    ];

    private static Dictionary<string, (string[], string[])> Make() => new() { ["make"] = (["make", "turn"], []) };

    public IReadOnlyList<PhraseBank> Phrasings { get; } = Table.Select(t => t.Item2).ToArray();

    // Two objects at least: blur and sharpen act on edges, and a near-empty picture has too few to show them.
    public EditDraft? Draft(TaskContext ctx) =>
        EffectEdits.Draft(ctx, Table, ctx.Sampler.Sample(ctx.Rng, ctx.Rng.NextInt(2, ctx.Sampler.Options.MaxObjects + 1)));
}
