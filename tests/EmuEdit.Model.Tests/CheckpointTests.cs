using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using EmuEdit.Model.Text;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class CheckpointTests
{
    private static EmuEditModel TrainedLookingModel()
    {
        var model = TestModels.MicroModel();
        TestModels.Perturb(model);
        model.Autoencoder.SetLatentScale(0.7);
        return model;
    }

    [Fact]
    public void Float32RoundTripIsBitExact()
    {
        using var folder = new TempFolder();
        using var model = TrainedLookingModel();
        ModelCheckpoint.Save(model, folder.Path);
        foreach (var file in new[] { ModelCheckpoint.ConfigFile, ModelCheckpoint.VocabularyFile, ModelCheckpoint.TasksFile,
                     ModelCheckpoint.AutoencoderWeights, ModelCheckpoint.TextEncoderWeights, ModelCheckpoint.UNetWeights, ModelCheckpoint.TaskTableWeights })
            Assert.True(File.Exists(Path.Combine(folder.Path, file)), file);

        using var loaded = ModelCheckpoint.Load(folder.Path);
        var expected = model.state_dict();
        var actual = loaded.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(ScalarType.Float32, actual[name].dtype);
            Assert.True(tensor.equal(actual[name]).all().item<bool>(), name);
        }
        Assert.Equal(0.7f, loaded.Autoencoder.LatentScale, 6);
        Assert.Equal(model.TaskNames, loaded.TaskNames);
        Assert.Equal(model.Tokenizer.Gpt2Ids, loaded.Tokenizer.Gpt2Ids);
        Assert.Equal(model.Config.ToJson(), loaded.Config.ToJson());
    }

    [Theory]
    [InlineData(WeightStorage.Float16, ScalarType.Float16, 1e-3)]
    [InlineData(WeightStorage.BFloat16, ScalarType.BFloat16, 8e-3)]
    public void HalfPrecisionStorageLoadsBackWithinItsTolerance(WeightStorage storage, ScalarType stored, double relativeTolerance)
    {
        using var folder = new TempFolder();
        using var model = TrainedLookingModel();
        ModelCheckpoint.Save(model, folder.Path, storage);

        var unetFile = Path.Combine(folder.Path, ModelCheckpoint.UNetWeights);
        Assert.All(SafetensorsWeights.StoredTypes(unetFile).Values, t => Assert.Equal(stored, t));
        Assert.Equal(ScalarType.Float32, SafetensorsWeights.StoredTypes(Path.Combine(folder.Path, ModelCheckpoint.AutoencoderWeights))["latent_scale"]);

        using var loaded = ModelCheckpoint.Load(folder.Path);
        var actual = loaded.state_dict();
        foreach (var (name, tensor) in model.state_dict())
        {
            Assert.Equal(ScalarType.Float32, actual[name].dtype);
            using var error = (actual[name] - tensor).abs();
            using var allowed = tensor.abs() * relativeTolerance + 1e-7;
            Assert.True(error.le(allowed).all().item<bool>(), name);
        }
    }

    [Fact]
    public void WrongShapedKeyFailsNamingTheKey()
    {
        using var folder = new TempFolder();
        using var model = TrainedLookingModel();
        ModelCheckpoint.Save(model, folder.Path);
        // Same architecture except a wider task projection: the weights no longer fit.
        var config = model.Config with { Tasks = model.Config.Tasks with { EmbeddingDim = model.Config.Tasks.EmbeddingDim * 2 } };
        config.Save(Path.Combine(folder.Path, ModelCheckpoint.ConfigFile));

        var e = Assert.Throws<CheckpointMismatchException>(() => ModelCheckpoint.Load(folder.Path));
        Assert.Contains("key 'task_proj.weight' has shape", e.Message);
        Assert.Contains(ModelCheckpoint.UNetWeights, e.Message);
    }

    [Fact]
    public void MissingAndUnexpectedKeysFailNamingTheKey()
    {
        TorchRuntime.Initialise();
        using var folder = new TempFolder();
        var config = TestModels.Micro();
        using var table = new TaskTable(config.Tasks);
        var path = Path.Combine(folder.Path, "tasks.safetensors");

        using (var stream = File.Create(path))
            Safetensors.SaveStateDict(stream, new Dictionary<string, Tensor> { ["other.weight"] = zeros(2) });
        var missing = Assert.Throws<CheckpointMismatchException>(() => SafetensorsWeights.Load(table, path));
        Assert.Contains("missing key 'table.weight'", missing.Message);

        using (var stream = File.Create(path))
            Safetensors.SaveStateDict(stream, new Dictionary<string, Tensor>
            {
                ["table.weight"] = zeros(config.Tasks.Count, config.Tasks.EmbeddingDim),
                ["extra.bias"] = zeros(3),
            });
        var unexpected = Assert.Throws<CheckpointMismatchException>(() => SafetensorsWeights.Load(table, path));
        Assert.Contains("unexpected key 'extra.bias'", unexpected.Message);
        // Nothing was copied from the rejected file.
        Assert.True(table.Weight.ne(0).any().item<bool>());
    }

    [Fact]
    public void ComponentsLoadOnTheirOwn()
    {
        using var folder = new TempFolder();
        using var model = TrainedLookingModel();
        ModelCheckpoint.Save(model, folder.Path);
        using var autoencoder = ModelCheckpoint.LoadAutoencoder(folder.Path);
        using var text = ModelCheckpoint.LoadTextEncoder(folder.Path);
        Assert.Equal(model.Autoencoder.LatentScale, autoencoder.LatentScale);
        var tokenizer = ModelCheckpoint.LoadTokenizer(folder.Path, ModelCheckpoint.LoadConfig(folder.Path));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batch = tokenizer.EncodeBatch(["make the sky blue"]);
        var fromFolder = text.forward(batch.Ids, batch.Mask).Context;
        var fromModel = model.TextEncoder.forward(batch.Ids, batch.Mask).Context;
        Assert.True(fromFolder.equal(fromModel).all().item<bool>());
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var folder = new TempFolder();
        using var model = TrainedLookingModel();
        ModelCheckpoint.Save(model, folder.Path);
        File.Delete(Path.Combine(folder.Path, ModelCheckpoint.UNetWeights));
        var e = Assert.Throws<FileNotFoundException>(() => ModelCheckpoint.Load(folder.Path));
        Assert.Contains(ModelCheckpoint.UNetWeights, e.Message);
    }
}
