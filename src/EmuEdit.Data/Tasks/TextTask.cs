using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Text: add, remove, replace or recolour a word drawn in the scene.</summary>
public sealed class TextTask : ITaskGenerator
{
    public string Task => EditTasks.Text;

    internal static readonly PhraseBank AddBank = new("text.add",
        ["{write} \"{word}\" {where}", "add the text \"{word}\" {where}", "put the word \"{word}\" {where}", "{write} \"{word}\" in {color} {where}",
         "can you {write} \"{word}\" {where}?",
         "insert the text \"{word}\" {where}", "i want the word \"{word}\" {where}", "add some text saying \"{word}\" {where}",
         "the text \"{word}\" {where}, please", "{write} the word \"{word}\" {where}"],
        ["scribble \"{word}\" {where}", "label the picture \"{word}\" {where}"],
        new() { ["write"] = (["write", "add", "print", "type"], ["letter"]) });

    internal static readonly PhraseBank RemoveBank = new("text.remove",
        ["remove the text", "delete the word \"{word}\"", "erase the text \"{word}\"", "remove the writing", "take out the word \"{word}\"",
         "delete the text", "get rid of the text \"{word}\"", "erase the writing", "no text, please", "the word \"{word}\" should go",
         "remove \"{word}\" from the picture", "take the text out",
         "purge the words from the picture", "delete the inscription", "remove the title \"{word}\"", "erase every word",
         "make the writing disappear", "get rid of the words", "the picture should have no words", "scrub out the text",
         "strip the text from the picture", "lose the word \"{word}\"", "erase the heading", "take the words out of the picture",
         "get the text out of the picture", "remove the inscription \"{word}\"", "i don't want any writing in the picture",
         "delete the written word"],
        ["wipe the lettering away", "get the caption \"{word}\" off the image"]);

    internal static readonly PhraseBank ReplaceBank = new("text.replace",
        ["change the text \"{word}\" to \"{new}\"", "replace \"{word}\" with \"{new}\"", "make the text say \"{new}\"", "the word should read \"{new}\" instead of \"{word}\"",
         "rewrite \"{word}\" as \"{new}\"",
         "change \"{word}\" to \"{new}\"", "the text should say \"{new}\"", "write \"{new}\" instead of \"{word}\"", "replace the text with \"{new}\"",
         "update the text to \"{new}\""],
        ["the lettering should spell \"{new}\"", "swap the caption to \"{new}\""]);

    internal static readonly PhraseBank RecolorBank = new("text.recolor",
        ["make the text {color}", "colour the word \"{word}\" {color}", "change the text colour to {color}", "write \"{word}\" in {color} instead", "the text should be {color}",
         "colour the text {color}", "the writing should be {color}", "change the colour of \"{word}\" to {color}", "make the word \"{word}\" {color}",
         "paint the text {color}"],
        ["tint the lettering {color}", "have the caption printed in {color}"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [AddBank, RemoveBank, ReplaceBank, RecolorBank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var rng = ctx.Rng;
        var sampler = ctx.Sampler;
        // At most three objects: words need free space, and text is what this task is about.
        var scene = sampler.Sample(rng, rng.NextInt(1, 4));
        int mode = rng.NextInt(4);
        if (mode == 0)
        {
            var bare = scene with { Texts = [] };
            var (where, box) = Regions.Pick(rng);
            var word = rng.Pick(sampler.Options.Words);
            var text = sampler.PlaceText(rng, bare, word, box);
            if (text is null) return null;
            return new EditDraft
            {
                Input = bare, Output = bare with { Texts = [text] },
                Phrasing = ctx.Phrase(AddBank, ("word", word), ("where", where), ("color", text.Color)),
                Claim = new EditClaim { Kind = ClaimKind.TextAdd, Text = word, Region = box },
                ChangesTexts = true,
            };
        }
        if (scene.Texts.Count == 0)
        {
            var text = sampler.SampleText(rng, scene);
            if (text is null) return null;
            scene = scene with { Texts = [text] };
        }
        var old = scene.Texts[0];
        switch (mode)
        {
            case 1:
                return new EditDraft
                {
                    Input = scene, Output = scene with { Texts = [] },
                    Phrasing = ctx.Phrase(RemoveBank, ("word", old.Text)),
                    Claim = new EditClaim { Kind = ClaimKind.TextRemove, Text = old.Text },
                    ChangesTexts = true,
                };
            case 2:
                {
                    var candidates = sampler.Options.Words.Where(w => w != old.Text && Fits(w, old)).ToArray();
                    if (candidates.Length == 0) return null;
                    var word = rng.Pick(candidates);
                    return new EditDraft
                    {
                        Input = scene, Output = scene with { Texts = [old with { Text = word }] },
                        Phrasing = ctx.Phrase(ReplaceBank, ("word", old.Text), ("new", word)),
                        Claim = new EditClaim { Kind = ClaimKind.TextReplace, Text = old.Text, NewText = word },
                        ChangesTexts = true,
                    };
                }
            default:
                {
                    float w = Imaging.BitmapFont.MeasureWidth(old.Text) * old.Scale / 64f, h = Imaging.BitmapFont.GlyphHeight * old.Scale / 64f;
                    string color = SceneSampler.ContrastingTextColor(rng, scene, old.X, old.Y, w, h, except: old.Color);
                    return new EditDraft
                    {
                        Input = scene, Output = scene with { Texts = [old with { Color = color }] },
                        Phrasing = ctx.Phrase(RecolorBank, ("word", old.Text), ("color", color)),
                        Claim = new EditClaim { Kind = ClaimKind.TextRecolor, Text = old.Text, Color = color },
                        ChangesTexts = true,
                    };
                }
        }
    }

    private static bool Fits(string word, SceneText at) =>
        at.X + Imaging.BitmapFont.MeasureWidth(word) * at.Scale / 64f <= 0.97f;
}
