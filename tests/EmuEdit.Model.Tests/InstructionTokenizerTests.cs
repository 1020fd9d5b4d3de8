using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
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

    // Ids recorded with the tokenizer as it was inside EmuEdit.Model, before it moved to EmuEdit.Tokenization:
    // a checkpoint's vocab.json must keep meaning the same ids after the move.
    [Theory]
    [InlineData("make the sky blue", new long[] { 5, 3, 15, 13, 2, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("Remove the RED triangle, then add \"Hello\"", new long[] { 1, 3, 1, 20, 1, 1, 1, 1, 1, 1, 2, 0 })]
    [InlineData("a zebra on the moon", new long[] { 1, 1, 1, 1, 3, 1, 2, 0, 0, 0, 0, 0 })]
    [InlineData("", new long[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("  turn the background into a forest and make it look like winter please ", new long[] { 19, 3, 14, 8, 4, 17, 1, 1, 6, 9, 7, 2 })]
    public void IdsAreTheSameAsBeforeTheTokenizerMoved(string instruction, long[] expected)
    {
        var tokenizer = InstructionTokenizer.Build(TestModels.Corpus, vocabularySize: 64, contextLength: 12);
        Assert.Equal([262, 257, 15883, 340, 588, 656, 804, 2266, 2860, 4077, 4171, 4469, 6766, 7374, 8222, 9197, 15344, 22950, 28956], tokenizer.Gpt2Ids);
        var encoded = tokenizer.Encode(instruction);
        Assert.Equal(expected, encoded.Ids);
        Assert.Equal(Array.LastIndexOf(expected, SpecialTokens.EndOfText) + 1, encoded.Mask.Count(m => m));
        var batch = tokenizer.EncodeAll([instruction, "make the sky blue"]);
        Assert.Equal(expected, batch.Ids.Take(12));
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
