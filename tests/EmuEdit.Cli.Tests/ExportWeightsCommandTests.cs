using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Networks;
using static TorchSharp.torch;

namespace EmuEdit.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public class ExportWeightsCommandTests(TinyModel tiny)
{
    [Fact]
    public void Float16CopyHalvesTheWeightsAndLoadsWithinRounding()
    {
        string output = Path.Combine(tiny.Root, "export-fp16");
        var (code, stdout, stderr) = ConsoleCapture.Run(ExportCommands.Create(), "weights", "--model", tiny.ModelFolder, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("unet.safetensors", stdout);

        foreach (string file in new[] { ModelCheckpoint.ConfigFile, ModelCheckpoint.VocabularyFile, ModelCheckpoint.TasksFile, "task_predictor.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tiny.ModelFolder, file)), File.ReadAllBytes(Path.Combine(output, file)));
        long original = new FileInfo(Path.Combine(tiny.ModelFolder, ModelCheckpoint.UNetWeights)).Length;
        long compact = new FileInfo(Path.Combine(output, ModelCheckpoint.UNetWeights)).Length;
        Assert.InRange(compact, original * 0.45, original * 0.6);

        using var reference = ModelCheckpoint.Load(tiny.ModelFolder);
        using var copy = ModelCheckpoint.Load(output);
        var copied = copy.state_dict();
        foreach (var (name, tensor) in reference.state_dict())
        {
            using var difference = (tensor - copied[name]).abs().max();
            using var scale = tensor.abs().max();
            // fp16 keeps 11 significant bits: a relative error of at most 2^-11 of each value.
            Assert.True(difference.item<float>() <= scale.item<float>() * MathF.Pow(2, -11) + 1e-7f, $"{name} changed by {difference.item<float>()}");
        }
    }

    [Fact]
    public void WritingOverTheSourceIsRefused()
    {
        var (code, _, stderr) = ConsoleCapture.Run(ExportCommands.Create(), "weights", "--model", tiny.ModelFolder, "--out", tiny.ModelFolder);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", stderr);
    }

    [Fact]
    public void SamplerSettingsGivenToTheExportAreWhatTheWrittenModelAsksFor()
    {
        string output = Path.Combine(tiny.Root, "export-sampling");
        var (code, _, stderr) = ConsoleCapture.Run(ExportCommands.Create(), "weights", "--model", tiny.ModelFolder, "--out", output,
            "--steps", "20", "--text-guidance", "3");
        Assert.True(code == 0, stderr);
        var source = ModelCheckpoint.LoadConfig(tiny.ModelFolder).Diffusion;
        var written = ModelCheckpoint.LoadConfig(output).Diffusion;
        Assert.Equal((20, source.ImageGuidanceScale, 3.0), (written.DefaultInferenceSteps, written.ImageGuidanceScale, written.TextGuidanceScale));
        Assert.NotEqual(3.0, source.TextGuidanceScale);

    }

    [Fact]
    public void AGrownDecoderShipsWithItsDepthAndDecodesAsItsSourceAtTheStart()
    {
        // A grown decoder as `train autoencoder --decoder-from --decoder-blocks 3` starts it: its model folder
        // holds the grown architecture in config.json and the weights beside it.
        string grownFolder = Path.Combine(tiny.Root, "grown-autoencoder");
        var config = ModelCheckpoint.LoadConfig(tiny.ModelFolder);
        var grownConfig = config with { Autoencoder = config.Autoencoder with { DecoderResBlocksPerLevel = 3 } };
        using var source = ModelCheckpoint.LoadAutoencoder(tiny.ModelFolder);
        using (var grown = new Autoencoder(grownConfig.Autoencoder))
        {
            grown.LoadGrownFrom(source);
            Directory.CreateDirectory(grownFolder);
            grownConfig.Save(Path.Combine(grownFolder, ModelCheckpoint.ConfigFile));
            SafetensorsWeights.Save(grown, Path.Combine(grownFolder, ModelCheckpoint.AutoencoderWeights));
        }

        string output = Path.Combine(tiny.Root, "export-grown");
        var (code, stdout, stderr) = ConsoleCapture.Run(ExportCommands.Create(), "weights", "--model", tiny.ModelFolder, "--out", output,
            "--autoencoder", grownFolder, "--storage", "float32");
        Assert.True(code == 0, stderr);
        Assert.Contains("3 blocks per level", stdout);

        var written = ModelCheckpoint.LoadConfig(output);
        Assert.Equal(3, written.Autoencoder.DecoderResBlocksPerLevel);
        Assert.Equal((config with { Autoencoder = grownConfig.Autoencoder }).ToJson(), written.ToJson());
        using var model = ModelCheckpoint.Load(output);
        using var scope = NewDisposeScope();
        var latents = randn(2, config.Autoencoder.LatentChannels, config.Autoencoder.LatentSize, config.Autoencoder.LatentSize);
        using var difference = (model.Autoencoder.Decode(latents) - source.Decode(latents)).abs().max();
        Assert.True(difference.item<float>() < 1e-5, $"decoded {difference.item<float>()} away from the source");
    }

    [Fact]
    public void AnAutoencoderWithAnotherEncoderIsRefused()
    {
        string otherFolder = Path.Combine(tiny.Root, "other-autoencoder");
        var config = ModelCheckpoint.LoadConfig(tiny.ModelFolder);
        manual_seed(11);
        using (var other = new Autoencoder(config.Autoencoder with { DecoderResBlocksPerLevel = 2 }))
        {
            Directory.CreateDirectory(otherFolder);
            (config with { Autoencoder = other.Options }).Save(Path.Combine(otherFolder, ModelCheckpoint.ConfigFile));
            SafetensorsWeights.Save(other, Path.Combine(otherFolder, ModelCheckpoint.AutoencoderWeights));
        }
        string output = Path.Combine(tiny.Root, "export-other");
        var (code, _, error) = ConsoleCapture.Run(ExportCommands.Create(), "weights", "--model", tiny.ModelFolder, "--out", output, "--autoencoder", otherFolder);
        Assert.Equal(2, code);
        Assert.Contains("encoder or latent scale differs", error);
        Assert.False(File.Exists(Path.Combine(output, ModelCheckpoint.ConfigFile)));
    }

    [Theory]
    [InlineData("--text-guidance", "-1")]
    [InlineData("--image-guidance", "NaN")]
    [InlineData("--steps", "0")]
    [InlineData("--steps", "201")] // above the engine's limit: the model could not serve its own default
    public void SamplerSettingsOutsideWhatTheEngineServesAreRefusedBeforeAnythingIsWritten(string option, string value)
    {
        string output = Path.Combine(tiny.Root, "export-bad-" + option.TrimStart('-') + value);
        var (code, _, error) = ConsoleCapture.Run(ExportCommands.Create(), "weights", "--model", tiny.ModelFolder, "--out", output, option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, error);
        Assert.False(Directory.Exists(output));
    }
}
