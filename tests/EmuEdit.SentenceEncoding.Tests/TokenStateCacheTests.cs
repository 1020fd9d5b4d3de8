using EmuEdit.SentenceEncoding;

namespace EmuEdit.SentenceEncoding.Tests;

public class TokenStateCacheTests
{
    private const int MaxTokens = 16;

    private static SentenceEncoder Encoder => SentenceEncoderTests.Shared;

    private static readonly string[] Texts =
    [
        "remove the red circle",
        "bring this segmentation map to life as a big blue square on a plain white background",
        "blur",
    ];

    // The uncached encoding of texts[i], cut to its own word pieces: [n, H].
    private static float[] Fresh(string text)
    {
        var (states, _, length) = Encoder.EncodeTokens([text], MaxTokens);
        return states.AsSpan(0, length * Encoder.Dimension).ToArray();
    }

    [Fact]
    public void Hits_and_misses_give_the_encoders_states_mask_and_length()
    {
        var cache = new TokenStateCache(Encoder, MaxTokens, capacity: 100);
        var d = Encoder.Dimension;
        // The first call encodes two texts; the second holds one hit, one miss and a repeat.
        cache.EncodeTokens([Texts[0], Texts[2]]);
        Assert.Equal(2, cache.Count);
        string[] batch = [Texts[1], Texts[0], Texts[1]];
        var (states, mask, length) = cache.EncodeTokens(batch);
        Assert.Equal(3, cache.Count);

        var (expected, expectedMask, expectedLength) = Encoder.EncodeTokens(batch, MaxTokens);
        Assert.Equal(expectedLength, length);
        Assert.Equal(MaxTokens, length); // the long text is cut
        Assert.Equal(expectedMask, mask);
        Assert.Equal(expected.Length, states.Length);
        Assert.All(Enumerable.Range(0, states.Length), k => Assert.Equal(expected[k], states[k], 4));
        Assert.Equal((long)(Fresh(Texts[0]).Length + Fresh(Texts[1]).Length + Fresh(Texts[2]).Length), cache.Floats);
        Assert.Equal(MaxTokens * d, Fresh(Texts[1]).Length);
    }

    [Fact]
    public void A_held_state_is_exactly_the_texts_own_whatever_batch_first_asked_for_it()
    {
        // A resumed training run refills its cache from other batches than the first run did: what is held
        // must not depend on them, to the bit.
        var cache = new TokenStateCache(Encoder, MaxTokens, capacity: 100);
        cache.EncodeTokens([Texts[1], Texts[2], Texts[0]]);
        foreach (var text in Texts)
            Assert.Equal(Fresh(text), cache.EncodeTokens([text]).States);
    }

    [Fact]
    public void Padding_to_a_fixed_length_leaves_zeros_past_each_text()
    {
        var cache = new TokenStateCache(Encoder, MaxTokens, capacity: 100);
        cache.EncodeTokens([Texts[2]]);
        var (states, mask, length) = cache.EncodeTokens([Texts[2], Texts[0]], padTo: 20);
        var d = Encoder.Dimension;
        Assert.Equal(20, length);
        var n = Encoder.Tokenize(Texts[2]).Count;
        Assert.Equal(n, mask.Take(20).Count(m => m));
        Assert.All(states.Skip(n * d).Take((20 - n) * d), x => Assert.Equal(0f, x));
        Assert.Equal(Fresh(Texts[2]), states.Take(n * d));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.EncodeTokens([Texts[0]], padTo: MaxTokens - 1));
    }

    [Fact]
    public void A_full_cache_still_encodes_new_texts_but_keeps_only_the_first()
    {
        var cache = new TokenStateCache(Encoder, MaxTokens, capacity: 1);
        var (first, _, _) = cache.EncodeTokens([Texts[0], Texts[2]]);
        Assert.Equal(1, cache.Count);
        var (again, _, _) = cache.EncodeTokens([Texts[0], Texts[2]]);
        Assert.Equal(1, cache.Count);
        // The held text comes back as stored; the other is encoded again, alone this time.
        Assert.Equal(first.Length, again.Length);
        Assert.All(Enumerable.Range(0, first.Length), k => Assert.Equal(first[k], again[k], 4));
        Assert.Equal(Fresh(Texts[2]), cache.EncodeTokens([Texts[2]]).States);
    }

    [Fact]
    public void An_empty_batch_and_a_null_text_are_handled()
    {
        var cache = new TokenStateCache(Encoder, MaxTokens, capacity: 10);
        var (states, mask, length) = cache.EncodeTokens([]);
        Assert.Empty(states);
        Assert.Empty(mask);
        Assert.Equal(0, length);
        Assert.Throws<ArgumentNullException>(() => cache.EncodeTokens([Texts[0], null!]));
        Assert.Equal(0, cache.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenStateCache(Encoder, 2, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenStateCache(Encoder, MaxTokens, -1));
    }
}
