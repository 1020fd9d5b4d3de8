using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using EmuEdit.SentenceEncoding;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

/// <summary>
/// textEncoder.pretrained: the packaged all-MiniLM-L6-v2 (copied beside the test binaries by the build)
/// gives the token states, a trained head projects them; the micro model is otherwise unchanged.
/// </summary>
public class PretrainedTextEncoderTests
{
    private const string Encoder = "all-MiniLM-L6-v2";
    private const int ContextLength = 16;

    private static ModelConfig Config(string? sha = null)
    {
        var micro = TestModels.Micro();
        return micro with { TextEncoder = micro.TextEncoder with { Pretrained = Encoder, PretrainedSha256 = sha, ContextLength = ContextLength } };
    }

    private static EmuEditModel Model(string? sha = null)
    {
        TorchRuntime.Initialise();
        var model = EmuEditModel.Create(Config(sha), TestModels.Corpus);
        TestModels.Perturb(model);
        model.eval();
        return model;
    }

    private static SentenceEncoder Frozen => SentenceEncoders.Shared(SentenceEncoders.Locate(Encoder), new SentenceEncoderOptions { MaxTokens = ContextLength });

    [Fact]
    public void Contexts_come_from_the_frozen_token_states_through_the_trained_head()
    {
        using var model = Model();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // "dim" and "murky" are not in the compact vocabulary built from the corpus; the frozen encoder knows them.
        string[] instructions = ["make the sky blue", "dim the murky picture down a lot"];
        var padded = model.EncodeInstructions(instructions);
        var trimmed = model.EncodeInstructions(instructions, trimPadding: true);

        var counts = instructions.Select(i => Frozen.Tokenize(i).Count).ToArray();
        Assert.Equal(new long[] { 2, ContextLength, 32 }, padded.Context.shape);
        Assert.Equal(new long[] { 2, counts.Max(), 32 }, trimmed.Context.shape);
        Assert.Equal(counts.Select(c => (long)c), Enumerable.Range(0, 2).Select(b => padded.Mask[b].sum().item<long>()));
        Assert.True(TestModels.MaxAbsDifference(padded.Context.narrow(1, 0, counts.Max()), trimmed.Context) < 1e-5);
        Assert.True(TestModels.MaxAbsDifference(padded.Pooled, trimmed.Pooled) < 1e-5);

        // Words the compact vocabulary lacks still change the context, as their meaning does.
        var a = model.EncodeInstructions(["dim the picture"]).Pooled;
        var b = model.EncodeInstructions(["brighten the picture"]).Pooled;
        Assert.True(TestModels.MaxAbsDifference(a, b) > 1e-3);

        Assert.IsType<PretrainedTextHead>(model.Instructions.Module);
        Assert.Throws<InvalidOperationException>(() => model.TextEncoder);
        Assert.Equal(new long[] { 32, Frozen.Dimension }, model.state_dict()["text_encoder.projection.weight"].shape);
    }

    [Fact]
    public void Cached_token_states_give_the_same_contexts_padded_and_trimmed()
    {
        using var model = Model();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        string[] instructions = ["make the sky blue", "dim the murky picture down a lot", ""];
        var padded = model.EncodeInstructions(instructions);
        var trimmed = model.EncodeInstructions(instructions, trimPadding: true);

        Assert.Null(model.Instructions.TokenStates);
        var cache = model.Instructions.CacheTokenStates(capacity: 10);
        Assert.Same(cache, model.Instructions.TokenStates);
        Assert.Equal(ContextLength, cache.MaxTokens);
        // Twice: the first call fills the cache, the second reads it.
        for (var pass = 0; pass < 2; pass++)
        {
            var cachedPadded = model.EncodeInstructions(instructions);
            var cachedTrimmed = model.EncodeInstructions(instructions, trimPadding: true);
            Assert.Equal(padded.Context.shape, cachedPadded.Context.shape);
            Assert.Equal(trimmed.Context.shape, cachedTrimmed.Context.shape);
            Assert.True(padded.Mask.eq(cachedPadded.Mask).all().item<bool>());
            Assert.True(TestModels.MaxAbsDifference(padded.Context, cachedPadded.Context) < 1e-5);
            Assert.True(TestModels.MaxAbsDifference(trimmed.Pooled, cachedTrimmed.Pooled) < 1e-5);
            Assert.Equal(instructions.Length, cache.Count);
        }
    }

    [Fact]
    public void The_compact_text_encoder_has_no_token_states_to_cache()
    {
        TorchRuntime.Initialise();
        using var model = EmuEditModel.Create(TestModels.Micro(), TestModels.Corpus);
        Assert.Throws<InvalidOperationException>(() => model.Instructions.CacheTokenStates(10));
    }

    [Fact]
    public void A_checkpoint_round_trips_and_refuses_another_encoder_under_the_same_name()
    {
        using var folder = new TempFolder();
        using var model = Model(sha: Frozen.ModelSha256);
        ModelCheckpoint.Save(model, folder.Path);
        Assert.Contains("\"pretrained\": \"all-MiniLM-L6-v2\"", File.ReadAllText(Path.Combine(folder.Path, ModelCheckpoint.ConfigFile)));

        using var loaded = ModelCheckpoint.Load(folder.Path);
        using var text = ModelCheckpoint.LoadInstructionEncoder(folder.Path);
        using (no_grad())
        {
            using var expected = model.EncodeInstructions(["vanish the red square"]);
            using var again = loaded.EncodeInstructions(["vanish the red square"]);
            using var alone = text.Encode(["vanish the red square"], CPU);
            Assert.Equal(0, TestModels.MaxAbsDifference(expected.Context, again.Context));
            Assert.Equal(0, TestModels.MaxAbsDifference(expected.Context, alone.Context));
        }
        var e = Assert.Throws<NotSupportedException>(() => ModelCheckpoint.LoadTextEncoder(folder.Path));
        Assert.Contains(nameof(ModelCheckpoint.LoadInstructionEncoder), e.Message);

        var wrong = Assert.Throws<InvalidDataException>(() => Model(sha: new string('0', 64)));
        Assert.Contains("not the one this model was trained with", wrong.Message);
    }

    [Theory]
    [InlineData("\"contextLength\": 600", "textEncoder.contextLength must be in [3, 512]")]
    [InlineData("\"contextLength\": 2", "textEncoder.contextLength must be in [3, 512]")]
    public void A_pretrained_encoder_needs_a_context_its_positions_cover(string field, string message)
    {
        var json = TestModels.MicroJson
            .Replace("\"contextLength\": 8", field, StringComparison.Ordinal)
            .Replace("\"vocabularySize\": 64", "\"vocabularySize\": 64, \"pretrained\": \"all-MiniLM-L6-v2\"", StringComparison.Ordinal);
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(json, "test"));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("\"pretrained\": \"../elsewhere\"", "textEncoder.pretrained")]
    [InlineData("\"pretrainedSha256\": \"abc\"", "textEncoder.pretrainedSha256 needs textEncoder.pretrained")]
    public void The_config_rejects_a_pretrained_name_that_is_not_a_folder_name_and_a_lone_hash(string field, string message)
    {
        var json = TestModels.MicroJson.Replace("\"vocabularySize\": 64", "\"vocabularySize\": 64, " + field, StringComparison.Ordinal);
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(json, "test"));
        Assert.Contains(message, e.Message);
    }
}
