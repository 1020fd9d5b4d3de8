using EmuEdit.Model.Text;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class InstructionTokenizerTests
{
    private const int ContextLength = 8;
    private static readonly InstructionTokenizer Tokenizer = InstructionTokenizer.Build(TestModels.Corpus, vocabularySize: 64, ContextLength);

    [Fact]
    public void KnownWordsGetCompactIdsAndUnknownWordsMapToUnknown()
    {
        var known = Tokenizer.Encode("make the sky blue");
        Assert.DoesNotContain(SpecialTokens.Unknown, known.Ids);
        Assert.All(known.Ids.Where((_, i) => known.Mask[i]).SkipLast(1), id => Assert.InRange(id, SpecialTokens.Count, Tokenizer.VocabularySize - 1));

        var unknown = Tokenizer.Encode("make the zebra purple");
        Assert.Contains(SpecialTokens.Unknown, unknown.Ids);
        Assert.Equal(known.Ids[0], unknown.Ids[0]); // "make" is shared
    }

    [Fact]
    public void EveryInstructionHasTheFixedLengthAndEndsWithTheEndToken()
    {
        var shortOne = Tokenizer.Encode("add a green circle");
        Assert.Equal(ContextLength, shortOne.Ids.Length);
        Assert.Equal(ContextLength, shortOne.Mask.Length);
        var real = shortOne.Mask.Count(m => m);
        Assert.Equal(SpecialTokens.EndOfText, shortOne.Ids[real - 1]);
        Assert.All(shortOne.Ids.Skip(real), id => Assert.Equal(SpecialTokens.Pad, id));
        Assert.Equal(Enumerable.Repeat(true, real).Concat(Enumerable.Repeat(false, ContextLength - real)), shortOne.Mask);

        var longOne = Tokenizer.Encode(string.Join(" ", Enumerable.Repeat("make the sky blue", 10)));
        Assert.All(longOne.Mask, Assert.True);
        Assert.Equal(SpecialTokens.EndOfText, longOne.Ids[^1]);
    }

    [Fact]
    public void EmptyInstructionIsJustTheEndToken()
    {
        var empty = Tokenizer.Encode("");
        Assert.Equal(SpecialTokens.EndOfText, empty.Ids[0]);
        Assert.True(empty.Mask[0]);
        Assert.Equal(1, empty.Mask.Count(m => m));
        Assert.Equal(empty.Ids, Tokenizer.Encode("   ").Ids);
    }

    [Fact]
    public void VocabularyCapKeepsTheMostFrequentTokens()
    {
        // GPT-2 gives " red" (with its space) three times and "red" and "blue" once each.
        var capped = InstructionTokenizer.Build(["red red red red", "blue"], vocabularySize: SpecialTokens.Count + 1, ContextLength);
        Assert.Equal(SpecialTokens.Count + 1, capped.VocabularySize);
        var ids = capped.Encode("red red").Ids;
        Assert.Equal(SpecialTokens.Unknown, ids[0]); // "red" did not fit
        Assert.Equal(SpecialTokens.Count, ids[1]); // " red", the most frequent
    }

    [Fact]
    public void VocabularyJsonRoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emuedit-vocab-{Guid.NewGuid():N}.json");
        try
        {
            Tokenizer.Save(path);
            var loaded = InstructionTokenizer.Load(path, ContextLength);
            Assert.Equal(Tokenizer.Gpt2Ids, loaded.Gpt2Ids);
            Assert.Equal(Tokenizer.VocabularySize, loaded.VocabularySize);
            foreach (var text in TestModels.Corpus.Append("something new entirely"))
                Assert.Equal(Tokenizer.Encode(text).Ids, loaded.Encode(text).Ids);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BatchEncodingGivesInt64IdsAndBoolMask()
    {
        TorchRuntime.Initialise();
        using var batch = Tokenizer.EncodeBatch(["make the sky blue", "", "remove the red triangle"]);
        Assert.Equal([3, ContextLength], batch.Ids.shape);
        Assert.Equal(ScalarType.Int64, batch.Ids.dtype);
        Assert.Equal(ScalarType.Bool, batch.Mask.dtype);
        Assert.Equal([3, ContextLength], batch.Mask.shape);
        Assert.Equal(Tokenizer.Encode("remove the red triangle").Ids, batch.Ids[2].data<long>().ToArray());
        using var realTokens = batch.Mask.sum(1);
        Assert.Equal(1, realTokens[1].item<long>());
    }
}
