using System.Text;

namespace EmuEdit.TaskPrediction;

/// <summary>Turns an instruction into the set of sparse binary features the classifier reads.</summary>
public sealed class InstructionFeatures(FeatureOptions options)
{
    public FeatureOptions Options { get; } = options;

    public static string[] Words(string instruction)
    {
        var sb = new StringBuilder(instruction.Length);
        foreach (var ch in instruction.ToLowerInvariant())
        {
            sb.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        }
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Distinct feature strings of an instruction, in a deterministic order.</summary>
    public IReadOnlyList<string> Extract(string instruction)
    {
        var words = Words(instruction);
        var features = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string f)
        {
            if (seen.Add(f)) features.Add(f);
        }

        for (var n = 1; n <= Options.MaxWordNgram; n++)
        {
            for (var i = 0; i + n <= words.Length; i++)
            {
                Add("w:" + string.Join(' ', words, i, n));
            }
        }
        foreach (var word in words)
        {
            var marked = "<" + word + ">";
            for (var n = Options.MinCharNgram; n <= Options.MaxCharNgram; n++)
            {
                for (var i = 0; i + n <= marked.Length; i++)
                {
                    Add("c:" + marked.Substring(i, n));
                }
            }
        }
        return features;
    }
}
