using System.Text;
using EmuEdit.Data.Randomness;

namespace EmuEdit.Data.Instructions;

/// <summary>
/// One instruction agent's phrasings for one kind of edit: templates with slots ("{remove} {obj}"),
/// and verb lists for the slots. A held-out family (templates and verbs) is used only for the
/// benchmark, so evaluation measures generalisation to unseen wordings.
/// </summary>
/// <remarks>
/// Slots in braces are either verb slots (listed in <see cref="Verbs"/>, chosen per example) or value
/// slots (filled from the caller's values, e.g. {obj}, {color}).
/// </remarks>
public sealed class PhraseBank
{
    public string Name { get; }
    public IReadOnlyList<string> Train { get; }
    public IReadOnlyList<string> HeldOut { get; }
    public IReadOnlyDictionary<string, (string[] Train, string[] HeldOut)> Verbs { get; }

    public PhraseBank(string name, string[] train, string[] heldOut, Dictionary<string, (string[] Train, string[] HeldOut)>? verbs = null)
    {
        Name = name;
        Train = train;
        HeldOut = heldOut;
        Verbs = verbs ?? [];
    }

    /// <summary>Verbs that appear only in held-out phrasings (for leak tests).</summary>
    public IEnumerable<string> HeldOutVerbs => Verbs.Values.SelectMany(v => v.HeldOut);

    public Phrasing Realise(Rng rng, bool heldOut, IReadOnlyDictionary<string, string> values)
    {
        var templates = heldOut ? HeldOut : Train;
        int index = rng.NextInt(templates.Count);
        var text = Fill(templates[index], rng, heldOut, values);
        return new Phrasing(text, $"{Name}/{(heldOut ? "h" : "t")}{index}", heldOut);
    }

    private string Fill(string template, Rng rng, bool heldOut, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < template.Length)
        {
            if (template[i] != '{') { sb.Append(template[i++]); continue; }
            int end = template.IndexOf('}', i);
            string slot = template[(i + 1)..end];
            if (Verbs.TryGetValue(slot, out var verbs))
                sb.Append(rng.Pick(heldOut && verbs.HeldOut.Length > 0 ? verbs.HeldOut : verbs.Train));
            else if (values.TryGetValue(slot, out var value))
                sb.Append(value);
            else
                throw new InvalidOperationException($"phrase bank '{Name}': no value for slot {{{slot}}} in \"{template}\"");
            i = end + 1;
        }
        return sb.ToString();
    }
}
