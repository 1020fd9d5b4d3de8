using EmuEdit.SentenceEncoding;

namespace EmuEdit.SentenceEncoding.Tests;

/// <summary>The packaged all-MiniLM-L6-v2 encoder, copied beside the test binaries by the build.</summary>
public class SentenceEncoderTests
{
    internal const string Name = "all-MiniLM-L6-v2";

    internal static SentenceEncoder Shared => SentenceEncoders.Shared(SentenceEncoders.Locate(Name));

    private static float Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => p.First * p.Second);

    [Fact]
    public void The_package_assembly_embeds_the_model_and_its_vocabulary()
    {
        var assembly = Directory.GetFiles(SentenceEncoders.Locate(Name), "*.dll").Single();
        var names = AssemblyResources.Names(assembly);
        Assert.Contains(names, n => n.EndsWith(".model.onnx", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith(".vocab.txt", StringComparison.Ordinal));
        Assert.Throws<InvalidDataException>(() => AssemblyResources.Read(assembly, ".no-such-resource"));
    }

    [Fact]
    public void Embeddings_are_unit_length_and_match_the_published_model()
    {
        var encoder = Shared;
        Assert.Equal(384, encoder.Dimension);
        Assert.Equal(Name, encoder.Name);
        var e = encoder.Encode(["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."]);
        foreach (var v in e) Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4);
        // sentence-transformers documents 0.7553 for this pair with all-MiniLM-L6-v2: the tokenizer,
        // graph and pooling here reproduce the reference model, not just some embedding.
        Assert.Equal(0.7553, Cosine(e[0], e[1]), 3);
        Assert.True(Cosine(e[0], e[1]) > Cosine(e[0], e[2]) + 0.3);
    }

    [Fact]
    public void A_text_embeds_the_same_alone_and_in_a_padded_batch()
    {
        var texts = new[] { "remove the red circle", "bring this segmentation map to life as a big blue square on a plain white background", "blur" };
        var batch = Shared.Encode(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = Shared.Encode(texts[i]);
            Assert.All(alone.Zip(batch[i]), p => Assert.Equal(p.First, p.Second, 4));
        }
    }

    [Fact]
    public void Token_states_pool_to_the_sentence_embedding_and_do_not_depend_on_the_batch()
    {
        var texts = new[] { "remove the red circle", "bring this segmentation map to life as a big blue square on a plain white background", "blur" };
        var (states, mask, length) = Shared.EncodeTokens(texts, maxTokens: 64);
        var d = Shared.Dimension;
        Assert.Equal(texts.Max(t => Shared.Tokenize(t).Count), length);
        for (var i = 0; i < texts.Length; i++)
        {
            var count = Shared.Tokenize(texts[i]).Count;
            Assert.Equal(count, mask.Skip(i * length).Take(length).Count(m => m));
            Assert.All(mask.Skip(i * length + count).Take(length - count), m => Assert.False(m));
            Assert.All(states.Skip((i * length + count) * d).Take((length - count) * d), x => Assert.Equal(0f, x));

            // The masked mean of a text's states, at unit length, is its sentence embedding.
            var mean = new double[d];
            for (var t = 0; t < count; t++)
                for (var j = 0; j < d; j++) mean[j] += states[(i * length + t) * d + j];
            var norm = Math.Sqrt(mean.Sum(x => x * x));
            var embedding = Shared.Encode(texts[i]);
            Assert.All(Enumerable.Range(0, d), j => Assert.Equal(embedding[j], mean[j] / norm, 4));

            var (alone, _, aloneLength) = Shared.EncodeTokens([texts[i]], maxTokens: 64);
            Assert.Equal(count, aloneLength);
            Assert.All(Enumerable.Range(0, count * d), k => Assert.Equal(alone[k], states[i * length * d + k], 4));
        }

        var (_, cutMask, cutLength) = Shared.EncodeTokens([string.Join(' ', Enumerable.Repeat("circle", 50))], maxTokens: 8);
        Assert.Equal(8, cutLength);
        Assert.All(cutMask, m => Assert.True(m));
    }

    [Fact]
    public void Long_texts_are_cut_to_the_token_limit_and_keep_the_end_marker()
    {
        var encoder = SentenceEncoders.Shared(SentenceEncoders.Locate(Name), new SentenceEncoderOptions { MaxTokens = 8 });
        var ids = encoder.Tokenize(string.Join(' ', Enumerable.Repeat("circle", 50)));
        Assert.Equal(8, ids.Count);
        const int cls = 101, sep = 102; // BERT uncased vocabulary
        Assert.Equal(cls, ids[0]);
        Assert.Equal(sep, ids[^1]);
        Assert.Equal(384, encoder.Encode("circle circle circle circle circle circle circle circle circle").Length);
    }

    [Fact]
    public void A_folder_with_model_onnx_and_vocab_txt_gives_the_same_encoder()
    {
        var packaged = SentenceEncoderFiles.Load(SentenceEncoders.Locate(Name));
        var folder = Path.Combine(Path.GetTempPath(), $"encoder-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, SentenceEncoderFiles.ModelFileName), packaged.Model);
            File.WriteAllBytes(Path.Combine(folder, SentenceEncoderFiles.VocabularyFileName), packaged.Vocabulary);
            using var plain = SentenceEncoder.Load(folder);
            Assert.Equal(Shared.ModelSha256, plain.ModelSha256);
            Assert.Equal(Shared.Encode("make it snowy"), plain.Encode("make it snowy"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_folder_without_an_encoder_is_a_clear_error()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"no-encoder-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => SentenceEncoderFiles.Load(folder));
            Assert.Contains(SentenceEncoderFiles.ModelFileName, e.Message);
            Assert.Throws<DirectoryNotFoundException>(() => SentenceEncoders.Locate("no-such-encoder", folder));
            Assert.Throws<ArgumentException>(() => SentenceEncoders.Locate("../escape"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void One_shared_encoder_serves_many_threads_with_the_answers_of_one()
    {
        var texts = Enumerable.Range(0, 48).Select(i => $"make shape number {i} {(i % 2 == 0 ? "red" : "vanish")}").ToArray();
        var expected = texts.Select(t => Shared.Encode(t)).ToArray();
        var instances = new SentenceEncoder[texts.Length];
        var got = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            instances[i] = SentenceEncoders.Shared(SentenceEncoders.Locate(Name));
            got[i] = instances[i].Encode(texts[i]);
        });
        Assert.All(instances, s => Assert.Same(Shared, s));
        for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], got[i]);
    }
}
