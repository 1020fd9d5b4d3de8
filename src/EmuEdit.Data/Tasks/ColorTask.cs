using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Color: image adjustments (blur, sharpen, brightness, contrast, saturation), all strong enough to see.</summary>
public sealed class ColorTask : ITaskGenerator
{
    public string Task => EditTasks.Color;

    internal static readonly (EffectKind, PhraseBank)[] Table =
    [
        (EffectKind.Blur, new("color.blur", ["blur the image", "make it blurry", "add a blur", "{make} the picture out of focus", "make it less sharp", "blur everything", "add a soft blur", "{make} the picture fuzzy"], ["soften the focus a lot", "smear the details into a haze"], Make())),
        (EffectKind.Sharpen, new("color.sharpen", ["sharpen the image", "make it sharper", "increase the sharpness", "{make} the edges crisper", "sharpen everything", "make it more defined", "give it more sharpness", "increase the definition"], ["crisp up the details", "accentuate every edge"], Make())),
        (EffectKind.Brighten, new("color.brighten", ["make it brighter", "increase the brightness", "brighten the image", "{make} the picture lighter", "raise the brightness", "more brightness, please", "brighten it", "{make} the image brighter overall"], ["lighten it up a lot", "pump up the exposure"], Make())),
        (EffectKind.Darken, new("color.darken", ["make it darker", "decrease the brightness", "darken the image", "{make} the picture dimmer", "reduce the brightness", "make it less bright", "darken it slightly", "{make} the image darker overall"], ["dim the picture down", "lower the exposure"], Make())),
        (EffectKind.MoreContrast, new("color.contrast_up", ["increase the contrast", "make it more contrasty", "boost the contrast", "{make} the contrast higher", "more contrast, please", "raise the contrast", "add contrast", "{make} the contrast stronger"], ["punch up the contrast", "deepen the difference between lights and darks"], Make())),
        (EffectKind.LessContrast, new("color.contrast_down", ["reduce the contrast", "lower the contrast", "make it less contrasty", "{make} the contrast flat", "less contrast, please", "decrease the contrast", "weaken the contrast", "{make} the contrast weaker"], ["flatten the tones", "mute the difference between lights and darks"], Make())),
        (EffectKind.Saturate, new("color.saturate", ["make the colours more vivid", "increase the saturation", "boost the colours", "{make} it more saturated", "make the colours stronger", "more saturation, please", "give it richer colours", "make the colours more vibrant"], ["pump up the colour intensity", "let the hues pop"], Make())),
        (EffectKind.Desaturate, new("color.desaturate", ["make it black and white", "remove the colour", "desaturate the image", "{make} it grayscale", "make it monochrome", "take the colour out", "no colour, please", "make the colours dull and gray"], ["drain all the hues", "wash out every colour completely"], Make())),
    ];

    private static Dictionary<string, (string[], string[])> Make() => new() { ["make"] = (["make", "turn"], []) };

    public IReadOnlyList<PhraseBank> Phrasings { get; } = Table.Select(t => t.Item2).ToArray();

    // Two objects at least: blur and sharpen act on edges, and a near-empty picture has too few to show them.
    public EditDraft? Draft(TaskContext ctx) =>
        EffectEdits.Draft(ctx, Table, ctx.Sampler.Sample(ctx.Rng, ctx.Rng.NextInt(2, ctx.Sampler.Options.MaxObjects + 1)));
}
