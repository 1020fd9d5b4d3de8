using EmuEdit.Model.Configuration;
using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class EmuEditModelTests
{
    [Fact]
    public void ConditioningHasTheContractShapes()
    {
        using var model = TestModels.MicroModel();
        var config = model.Config;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = rand(2, 3, 64, 64) * 2 - 1;
        var tasks = new[] { model.TaskIndex("remove"), model.TaskIndex("style") };
        var c = model.Condition(images, ["remove the red triangle", "make it look like winter"], tasks);

        var (b, l, d) = (2L, (long)config.TextEncoder.ContextLength, (long)config.TextEncoder.Width);
        Assert.Equal([b, config.Autoencoder.LatentChannels, config.Autoencoder.LatentSize, config.Autoencoder.LatentSize], c.ImageLatent.shape);
        Assert.Equal([b, l, d], c.TextContext.shape);
        Assert.Equal([b, l], c.TextMask.shape);
        Assert.Equal([b, l, d], c.NullTextContext.shape);
        Assert.Equal([b, l], c.NullTextMask.shape);
        Assert.Equal([b, config.Tasks.EmbeddingDim], c.Task.shape);
        Assert.True(c.Task[1].equal(model.Tasks.TaskVector(BuiltInTasks.IndexOf("style"))).all().item<bool>());
        Assert.Equal(b, c.NullTextMask.sum().item<long>()); // only the end token is real

        var v = model.VelocityModel.PredictVelocity(c.ImageLatent, tensor(new long[] { 10, 900 }), c.ImageLatent, c.TextContext, c.TextMask, c.Task);
        Assert.Equal(c.ImageLatent.shape, v.shape);
    }

    [Fact]
    public void ImageLatentsCarryNoGraphWhileTextAndTaskRowsDo()
    {
        using var model = TestModels.MicroModel();
        using var scope = NewDisposeScope();
        var c = model.Condition(rand(1, 3, 64, 64) * 2 - 1, ["make the sky blue"], [0]);
        Assert.False(c.ImageLatent.requires_grad);
        Assert.True(c.TextContext.requires_grad);
        Assert.True(c.Task.requires_grad);
    }

    [Fact]
    public void DecodedLatentsAreImagesInRange()
    {
        using var model = TestModels.MicroModel();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = model.DecodeLatents(model.EncodeImages(rand(1, 3, 64, 64) * 2 - 1) * 50);
        Assert.Equal([1L, 3, 64, 64], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1);
    }

    [Fact]
    public void TaskTableHasTheBuiltInTasksInOrder()
    {
        using var model = TestModels.MicroModel();
        Assert.Equal(16, BuiltInTasks.Count);
        Assert.Equal(BuiltInTasks.Names, model.TaskNames);
        Assert.Equal("local", BuiltInTasks.Names[0]);
        Assert.Equal("pose2image", BuiltInTasks.Names[^1]);
        Assert.Equal(5, BuiltInTasks.IndexOf("global"));
        Assert.Throws<ArgumentException>(() => model.TaskIndex("teleport"));
        using var scope = NewDisposeScope();
        Assert.Equal([(long)model.Config.Tasks.EmbeddingDim], model.Tasks.MeanVector().shape);
    }

    [Fact]
    public void MismatchedTokenizerOrTaskNamesAreRejected()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        var shortContext = InstructionTokenizer.Build(TestModels.Corpus, config.TextEncoder.VocabularySize, config.TextEncoder.ContextLength + 1);
        Assert.Contains("context length", Assert.Throws<ArgumentException>(() => new EmuEditModel(config, shortContext)).Message);
        var tokenizer = TestModels.MicroTokenizer(config);
        Assert.Throws<ArgumentException>(() => new EmuEditModel(config, tokenizer, ["local", "remove"]));
    }

    [Fact]
    public void TinyPresetModelBuilds()
    {
        TorchRuntime.Initialise();
        var config = ModelConfig.LoadPreset("tiny");
        using var model = new EmuEditModel(config, InstructionTokenizer.Build(TestModels.Corpus, config.TextEncoder.VocabularySize, config.TextEncoder.ContextLength));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var c = model.Condition(rand(1, 3, 64, 64) * 2 - 1, ["make the sky blue"], [model.TaskIndex("global")]);
        var v = model.UNet.PredictVelocity(randn_like(c.ImageLatent), tensor(new long[] { 999 }), c.ImageLatent, c.TextContext, c.TextMask, c.Task);
        Assert.Equal([1L, 16, 16, 16], v.shape);
    }
}
