using System.Text.RegularExpressions;
using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

public class PhrasingTests
{
    private static IEnumerable<Instructions.PhraseBank> Banks => EditTasks.All.SelectMany(t => TaskRegistry.Get(t).Phrasings);

    private static bool ContainsPhrase(string text, string phrase) =>
        Regex.IsMatch(text, $@"(^|\W){Regex.Escape(phrase)}(\W|$)", RegexOptions.IgnoreCase);

    [Fact]
    public void No_held_out_phrasing_occurs_in_the_training_split()
    {
        var heldOutVerbs = Banks.SelectMany(b => b.HeldOutVerbs).Distinct().ToArray();
        foreach (var task in EditTasks.Trained)
            foreach (var e in TestData.Many(task, 60, Split.Train))
            {
                Assert.False(e.HeldOutPhrasing);
                Assert.Contains("/t", e.PhrasingId);
                foreach (var verb in heldOutVerbs)
                    Assert.False(ContainsPhrase(e.Instruction, verb), $"{e.Id}: held-out verb '{verb}' in training instruction \"{e.Instruction}\"");
            }
    }

    [Fact]
    public void Held_out_templates_differ_from_every_training_template()
    {
        foreach (var bank in Banks)
        {
            Assert.NotEmpty(bank.HeldOut);
            Assert.Empty(bank.HeldOut.Intersect(bank.Train));
        }
    }

    [Fact]
    public void The_benchmark_split_uses_held_out_phrasings()
    {
        foreach (var task in EditTasks.All)
            Assert.All(TestData.Many(task, 10, Split.Benchmark), e =>
            {
                Assert.True(e.HeldOutPhrasing);
                Assert.Contains("/h", e.PhrasingId);
            });
    }
}
