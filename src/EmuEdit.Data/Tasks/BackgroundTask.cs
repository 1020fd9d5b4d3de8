using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Background: replace the background, keeping objects and text.</summary>
public sealed class BackgroundTask : ITaskGenerator
{
    public string Task => EditTasks.Background;

    internal static readonly PhraseBank Bank = new("background",
        ["{change} the background to {bg}", "make the background {bg}", "put everything on {bg}", "replace the background with {bg}",
         "i want {bg} behind the objects", "use {bg} as the background", "{change} the background into {bg}",
         "the background should be {bg}", "place the objects on {bg}", "i'd like {bg} in the background", "new background, {bg}",
         "show everything in front of {bg}", "put {bg} behind everything", "could you {change} the background to {bg}",
         "have {bg} as the setting behind the objects", "the objects should stand in front of {bg}", "move everything onto {bg}",
         "let {bg} fill the space behind the objects", "exchange the background for {bg}", "the setting should be {bg}",
         "surround the objects with {bg}", "show the objects with {bg} behind them"],
        ["swap the backdrop for {bg}", "set the scene against {bg}"],
        new() { ["change"] = (["change", "switch", "turn", "modify", "update"], ["alter"]) });

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var rng = ctx.Rng;
        var scene = ctx.Sampler.Sample(rng);
        var used = scene.Objects.Select(o => o.Color).Concat(scene.Texts.Select(t => t.Color)).ToHashSet();
        BackgroundSpec bg;
        int tries = 0;
        do
        {
            bg = ctx.Sampler.SampleBackground(rng);
            if (++tries > 20) return null;
        }
        // The new background must differ and must not swallow an object or text of the same colour.
        while (bg == scene.Background || bg.Kind == scene.Background.Kind && bg.Color == scene.Background.Color || bg.DominantColors().Any(used.Contains));
        return new EditDraft
        {
            Input = scene, Output = scene with { Background = bg },
            Phrasing = ctx.Phrase(Bank, ("bg", Describe(bg))),
            Claim = new EditClaim { Kind = ClaimKind.Rebackground, Background = bg },
            ChangesBackground = true,
        };
    }

    /// <summary>How instructions name a background (shorter than the caption's wording).</summary>
    internal static string Describe(BackgroundSpec bg) => bg.Kind switch
    {
        BackgroundKind.Solid => $"plain {bg.Color}",
        BackgroundKind.VerticalGradient => $"a {bg.Color} to {bg.Color2} vertical gradient",
        BackgroundKind.HorizontalGradient => $"a {bg.Color} to {bg.Color2} horizontal gradient",
        BackgroundKind.Pattern => $"a {bg.Pattern.Adjective()} {bg.Color} and {bg.Color2} pattern",
        _ => (bg.Color, bg.Color2) switch
        {
            ("blue", "green") => "a green meadow under a blue sky",
            ("blue", "yellow") => "a sandy desert",
            ("gray", "white") => "a snowy field",
            ("orange", "brown") => "a brown field at dusk",
            _ => $"a landscape with {bg.Color} sky and {bg.Color2} ground",
        } + (bg.Sun ? " with a sun" : ""),
    };
}
