using EmuEdit.Inference;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>
/// A checkpoint exported once for all tests: the folder named by EMUEDIT_ONNX_CHECKPOINT (the shipped,
/// trained model, checked the same way), else a random-initialised tiny model saved to a temp folder.
/// The graphs go to a temp folder either way, so a checkpoint under test is never written to. Holds the
/// TorchSharp modules loaded from the same checkpoint as the reference.
/// </summary>
public sealed class ExportedModel : IDisposable
{
    public const string CheckpointVariable = "EMUEDIT_ONNX_CHECKPOINT";

    public static readonly string[] Instructions =
    [
        "make the sky blue",
        "remove the red triangle",
        "add a green circle next to the big yellow square in the corner",
        "turn the background into a forest",
        "make it look like winter",
        "",
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"emuedit-onnx-model-{Guid.NewGuid():N}");

    public ExportedModel()
    {
        TorchRuntime.Initialise();
        Directory.CreateDirectory(_root);
        CheckpointFolder = Environment.GetEnvironmentVariable(CheckpointVariable) is { Length: > 0 } given ? given : CreateRandomCheckpoint();
        GraphFolder = Path.Combine(_root, "graphs");
        Export = ModelOnnxExport.ExportAll(CheckpointFolder, new ModelOnnxExportOptions { OutputFolder = GraphFolder });

        Config = ModelCheckpoint.LoadConfig(CheckpointFolder);
        Tokenizer = ModelCheckpoint.LoadTokenizer(CheckpointFolder, Config);
        TorchTextEncoder = ModelCheckpoint.LoadTextEncoder(CheckpointFolder);
        TorchAutoencoder = ModelCheckpoint.LoadAutoencoder(CheckpointFolder);
        TorchTextEncoder.eval();
        TorchAutoencoder.eval();

        Catalog = new OnnxModelCatalog(new OnnxSessionOptions());
        TextEncoder = OnnxTextEncoder.Open(Catalog.Get(Export.TextEncoderPath));
        Vae = OnnxVae.Open(Catalog, GraphFolder);
    }

    public string CheckpointFolder { get; }

    public string GraphFolder { get; }

    public ModelOnnxExportResult Export { get; }

    public ModelConfig Config { get; }

    public InstructionTokenizer Tokenizer { get; }

    public TextEncoder TorchTextEncoder { get; }

    public Autoencoder TorchAutoencoder { get; }

    public OnnxModelCatalog Catalog { get; }

    public OnnxTextEncoder TextEncoder { get; }

    public OnnxVae Vae { get; }

    public OnnxModelSession Session(string file) => Catalog.Get(Path.Combine(GraphFolder, file));

    public void Dispose()
    {
        Catalog.Dispose();
        TorchTextEncoder.Dispose();
        TorchAutoencoder.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    // The tiny preset with random weights; the latent scale is calibrated so the graphs' scale path is not a no-op.
    private string CreateRandomCheckpoint()
    {
        var folder = Path.Combine(_root, "checkpoint");
        using var model = EmuEditModel.Create(ModelConfig.LoadPreset("tiny"), Instructions);
        using (var scope = NewDisposeScope())
        {
            var size = model.Config.Autoencoder.ImageSize;
            model.Autoencoder.CalibrateLatentScale(TestImages.Generate(4, size, size, seed: 11));
        }
        ModelCheckpoint.Save(model, folder);
        return folder;
    }
}

[CollectionDefinition(Name)]
public sealed class ExportedModelCollection : ICollectionFixture<ExportedModel>
{
    public const string Name = "exported model";
}
