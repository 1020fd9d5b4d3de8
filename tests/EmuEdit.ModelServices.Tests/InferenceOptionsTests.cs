using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Onnx;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tests.Support;

namespace EmuEdit.ModelServices.Tests;

/// <summary>Which runtime a model service picks for a folder, and that it never serves graphs exported from other weights.</summary>
public sealed class InferenceOptionsTests
{
    private static readonly (string, string)[] VaeGraphs =
        [(OnnxModelFiles.VaeEncoder, ModelCheckpoint.AutoencoderWeights), (OnnxModelFiles.VaeDecoder, ModelCheckpoint.AutoencoderWeights)];

    [Fact]
    public void Graphs_exported_from_the_weights_beside_them_are_used_and_stale_ones_are_not()
    {
        using var model = new TinyModelFolder();
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());
        var auto = new InferenceOptions();
        var onnx = new InferenceOptions { Runtime = InferenceRuntime.Onnx };
        Assert.False(auto.UsesOnnx(model.Path, catalog, out _, VaeGraphs));
        Assert.Throws<ModelFolderException>(() => onnx.UsesOnnx(model.Path, catalog, out _, VaeGraphs));

        ModelOnnxExport.ExportAll(model.Path);
        Assert.True(auto.UsesOnnx(model.Path, catalog, out string? declined, VaeGraphs));
        Assert.Null(declined);
        Assert.True(onnx.UsesOnnx(model.Path, catalog, out _, VaeGraphs));
        Assert.False(new InferenceOptions { Runtime = InferenceRuntime.TorchSharp }.UsesOnnx(model.Path, catalog, out _, VaeGraphs));

        // The folder's autoencoder changed after the export (a retrain, a decoder fine-tune): its graphs are stale.
        File.AppendAllText(Path.Combine(model.Path, ModelCheckpoint.AutoencoderWeights), " ");
        Assert.False(auto.UsesOnnx(model.Path, catalog, out declined, VaeGraphs));
        Assert.Contains("exported from other weights", declined, StringComparison.Ordinal);
        ModelFolderException refused = Assert.Throws<ModelFolderException>(() => onnx.UsesOnnx(model.Path, catalog, out _, VaeGraphs));
        Assert.Contains(OnnxModelFiles.VaeEncoder, refused.Message, StringComparison.Ordinal);
        // The text encoder's graph was exported from its own weights, which did not change.
        Assert.True(auto.UsesOnnx(model.Path, catalog, out _, (OnnxModelFiles.TextEncoder, ModelCheckpoint.TextEncoderWeights)));
    }
}
