using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Style: re-render the picture in another style (pixel art, posterized, pencil sketch, sepia, comic).</summary>
public sealed class StyleTask : ITaskGenerator
{
    public string Task => EditTasks.Style;

    internal static readonly (EffectKind, PhraseBank)[] Table =
    [
        (EffectKind.PixelArt, new("style.pixelart",
            ["make it pixel art", "{render} it as pixel art", "turn this into pixel art", "pixelate it in a retro pixel-art style", "give it a pixel-art look",
             "make it look pixelated", "give it a blocky pixel look", "pixel art version, please", "make it blocky and pixelated",
             "make it look like a retro computer picture"],
            ["in the manner of an 8-bit video game", "make it look like a retro console sprite"],
            new() { ["render"] = (["render", "redraw", "draw"], []) })),
        (EffectKind.Posterize, new("style.posterize",
            ["posterize it", "make it look like a poster with flat colours", "{render} it with only a few flat colours", "apply a posterize effect",
             "reduce the number of colours", "turn it into a poster with flat colours", "use fewer, simpler colours", "poster style, please",
             "apply a poster effect"],
            ["reduce it to a handful of bold flat tones", "give it a screen-printed poster feel"],
            new() { ["render"] = (["render", "redraw", "draw"], []) })),
        (EffectKind.PencilSketch, new("style.sketch",
            ["make it a pencil sketch", "turn this into a pencil drawing", "{render} it as a sketch", "make it look hand-drawn in pencil",
             "turn it into a sketch", "make it look like a drawing", "{render} it in pencil", "make it a black and white pencil drawing",
             "hand-drawn sketch style, please"],
            ["as if drawn with graphite on paper", "give it the look of a charcoal study"],
            new() { ["render"] = (["render", "redraw", "draw"], []) })),
        (EffectKind.Sepia, new("style.sepia",
            ["apply a sepia filter", "make it sepia", "make it look like an old photo", "give it a vintage sepia tone",
             "make it look vintage", "give it an old-fashioned sepia look", "sepia tone, please", "make it look like an old faded photo",
             "apply a vintage filter",
             "give it a warm old-timey tone", "make it look like a photo from the 1800s", "give the whole picture a yellowish vintage tone",
             "turn it into a sepia-toned photo", "make it look historic", "give it a tea-stained vintage look", "make it look like a daguerreotype",
             "give it the warm amber cast of an old photo", "make it look like it came from an old family album", "give it a dusty old-photo look",
             "make it look like a very old picture", "give the picture a coffee-toned vintage finish", "make the whole thing look yellowed and old"],
            ["age it like a nineteenth-century photograph", "give it an antique brownish tint"])),
        (EffectKind.Comic, new("style.comic",
            ["make it look like a comic", "turn it into a cartoon", "{render} it in comic book style", "give it a comic-strip look",
             "make it comic style", "{render} it like a cartoon", "give it a cartoon look", "comic book style, please",
             "make it look like a comic book page"],
            ["ink it like a graphic novel panel", "make it look like a superhero cartoon frame"],
            new() { ["render"] = (["render", "redraw", "draw"], []) })),
    ];

    public IReadOnlyList<PhraseBank> Phrasings { get; } = Table.Select(t => t.Item2).ToArray();

    public EditDraft? Draft(TaskContext ctx) => EffectEdits.Draft(ctx, Table);
}
