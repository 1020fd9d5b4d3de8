using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Global: whole-scene changes of time and weather (night, winter, sunset, fog, rain).</summary>
public sealed class GlobalTask : ITaskGenerator
{
    public string Task => EditTasks.Global;

    internal static readonly (EffectKind, PhraseBank)[] Table =
    [
        (EffectKind.Night, new("global.night",
            ["make it night", "turn this into a night scene", "show it at night", "{make} it nighttime", "change the time to night", "let it be night",
             "turn day into night", "make it late at night", "show the scene at midnight", "give it a nighttime look", "a moonlit night, please"],
            ["what would this look like after dark?", "plunge the scene into darkness with stars"],
            new() { ["make"] = (["make", "turn"], []) })),
        (EffectKind.Winter, new("global.winter",
            ["make it winter", "add snow", "let it snow", "turn the season to winter", "show it in winter with snow", "make it snowy",
             "make it a winter scene", "add falling snow", "show the scene covered in snow", "make it cold and snowy", "give it a wintry look"],
            ["cover everything in snowfall", "blanket the scene in frost"])),
        (EffectKind.Sunset, new("global.sunset",
            ["make it sunset", "show it at sunset", "give it a sunset glow", "change the time to sunset", "turn it into an evening scene at sunset",
             "make the sky orange like a sunset", "turn the time of day to sunset", "make it golden hour", "give it warm sunset colours"],
            ["bathe the scene in dusky evening light", "as the sun goes down"])),
        (EffectKind.Fog, new("global.fog",
            ["make it foggy", "add fog", "cover the scene in fog", "make the weather foggy", "let fog roll in",
             "fill the scene with fog", "make it look foggy", "give it a foggy atmosphere", "add thick fog", "a foggy day, please"],
            ["shroud it in mist", "make it hazy and misty"])),
        (EffectKind.Rain, new("global.rain",
            ["make it rain", "add rain", "show it in the rain", "make the weather rainy", "let it pour with rain",
             "add rainfall", "make it a rainy day", "show the scene in heavy rain", "add falling rain", "make the weather wet and rainy"],
            ["add a downpour", "drench the scene in a storm shower"])),
    ];

    public IReadOnlyList<PhraseBank> Phrasings { get; } = Table.Select(t => t.Item2).ToArray();

    public EditDraft? Draft(TaskContext ctx) => EffectEdits.Draft(ctx, Table);
}
