using System.Text.RegularExpressions;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

/// <summary>
/// The benchmark measures generalisation to wordings never trained on, so the training phrasings may
/// grow (new templates and synonyms) but never take a word of the held-out phrasings, nor a form of one
/// ("labelled" for "label"). The words the two already shared when the held-out families were written
/// (function words and the task nouns both must use) are listed here and may not grow.
/// </summary>
public class HeldOutVocabularyTests
{
    private static readonly HashSet<string> SharedWords =
    [
        "a", "add", "an", "and", "as", "be", "behind", "box", "cartoon", "colour", "contrast", "cover", "d", "depth", "drawing", "drawn",
        "evening", "every", "everything", "flat", "focus", "for", "get", "give", "gray", "have", "i", "image", "in", "into", "is", "it",
        "let", "like", "look", "lot", "low", "lower", "make", "map", "mask", "me", "missing", "objects", "of", "on", "out", "over", "paint",
        "picture", "pixels", "place", "please", "poster", "put", "rectangle", "reduce", "res", "retro", "scene", "set", "should", "strip",
        "swap", "the", "this", "to", "turn", "want", "what", "with",
    ];

    /// <summary>Training words that already shared a stem with a held-out word before the training phrasings were widened.</summary>
    private static readonly HashSet<(string Train, string HeldOut)> SharedStems =
    [
        ("colour", "coloured"), ("colours", "coloured"), ("complete", "completely"), ("crisper", "crisp"), ("detail", "details"),
        ("lighter", "light"), ("lighter", "lights"), ("lighter", "lighten"), ("normal", "normals"), ("outlines", "outline"),
        ("photo", "photograph"), ("print", "printed"), ("super", "superhero"),
    ];

    /// <summary>Two words are forms of one when they agree on all but their last two letters, and on at least five.</summary>
    private const int MinStem = 5;
    private const int InflectionLetters = 2;

    private static IEnumerable<Instructions.PhraseBank> Banks => EditTasks.All.SelectMany(t => TaskRegistry.Get(t).Phrasings);

    private static IEnumerable<string> Words(string text) =>
        Regex.Replace(text, @"\{[^}]*\}", " ").ToLowerInvariant()
            .Split([' ', ',', '.', '?', '!', ':', ';', '"', '\'', '-'], StringSplitOptions.RemoveEmptyEntries);

    private static HashSet<string> TrainingWords() =>
        Banks.SelectMany(b => b.Train.Concat(b.Verbs.Values.SelectMany(v => v.Train))).SelectMany(Words).ToHashSet();

    private static HashSet<string> HeldOutWords() =>
        Banks.SelectMany(b => b.HeldOut.Concat(b.HeldOutVerbs)).SelectMany(Words).ToHashSet();

    private static bool SameStem(string a, string b)
    {
        var common = 0;
        while (common < Math.Min(a.Length, b.Length) && a[common] == b[common]) common++;
        return common >= Math.Max(MinStem, Math.Min(a.Length, b.Length) - InflectionLetters);
    }

    [Fact]
    public void Training_phrasings_use_no_held_out_word_beyond_those_always_shared()
    {
        var leaked = TrainingWords().Intersect(HeldOutWords()).Except(SharedWords).Order().ToList();
        Assert.True(leaked.Count == 0, $"held-out words in training phrasings: {string.Join(", ", leaked)}");
    }

    [Fact]
    public void Training_phrasings_use_no_form_of_a_held_out_word()
    {
        var heldOutOnly = HeldOutWords().Except(SharedWords).ToList();
        var leaked = (from w in TrainingWords()
                      from h in heldOutOnly
                      where w != h && SameStem(w, h) && !SharedStems.Contains((w, h))
                      select $"{w} ~ {h}").Order().ToList();
        Assert.True(leaked.Count == 0, $"forms of held-out words in training phrasings: {string.Join(", ", leaked)}");
    }

    [Fact]
    public void The_stem_rule_catches_inflections()
    {
        Assert.True(SameStem("labelled", "label"));
        Assert.True(SameStem("skeletal", "skeleton"));
        Assert.True(SameStem("captions", "caption"));
        Assert.False(SameStem("transparent", "transform"));
        Assert.False(SameStem("paint", "panel"));
    }
}
