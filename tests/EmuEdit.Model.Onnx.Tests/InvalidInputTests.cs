using EmuEdit.Inference;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Tokenization;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>Wrong shapes fail before anything runs, with a message that says what was expected.</summary>
[Collection(ExportedModelCollection.Name)]
public class InvalidInputTests(ExportedModel model)
{
    [Fact]
    public void ImagesWithTheWrongChannelCountAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => model.Vae.Encode(new PlanarBatch(new float[2 * 4 * 64 * 64], 2, 4, 64, 64)));
        Assert.Contains("must have 3 channels", e.Message);
        Assert.Contains("[2,4,64,64]", e.Message);
    }

    [Fact]
    public void ImageSidesMustBeMultiplesOfTheDownsamplingFactor()
    {
        var e = Assert.Throws<ArgumentException>(() => model.Vae.Encode(new PlanarBatch(new float[3 * 62 * 64], 1, 3, 62, 64)));
        Assert.Contains($"downsampling factor {model.Config.Autoencoder.DownFactor}", e.Message);
    }

    [Fact]
    public void LatentsWithTheWrongChannelCountAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => model.Vae.Decode(new PlanarBatch(new float[3 * 16 * 16], 1, 3, 16, 16)));
        Assert.Contains($"must have {model.Config.Autoencoder.LatentChannels} channels", e.Message);
    }

    [Fact]
    public void DataThatDoesNotFillTheShapeIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PlanarBatch(new float[100], 1, 16, 16, 16));
        Assert.Contains("needs 4096 values but the data has 100", e.Message);
    }

    [Fact]
    public void RawSessionRejectsAWrongRankWithAMessage()
    {
        var session = model.Session(OnnxModelFiles.VaeDecoder);
        var e = Assert.Throws<OnnxInputException>(() => session.Run(OnnxInputTensor.Float("latent", new float[16 * 16 * 16], 16, 16, 16)));
        Assert.Contains("latent", e.Message);
    }

    [Fact]
    public void TokenSequencesLongerThanTheEncoderAcceptsAreRefused()
    {
        var length = model.Config.TextEncoder.ContextLength + 1;
        var tokens = new TokenizedBatch(new long[length], Enumerable.Repeat(true, length).ToArray(), 1, length);
        var e = Assert.Throws<ArgumentException>(() => model.TextEncoder.Encode(tokens));
        Assert.Contains($"exceed the {model.Config.TextEncoder.ContextLength}", e.Message);
    }

    [Fact]
    public void ARowWithoutRealTokensIsRefused()
    {
        var tokens = new TokenizedBatch(new long[2 * 4], [true, true, false, false, false, false, false, false], 2, 4);
        var e = Assert.Throws<ArgumentException>(() => model.TextEncoder.Encode(tokens));
        Assert.Contains("Row 1", e.Message);
    }

    [Fact]
    public void TokenArraysThatDoNotMatchTheirShapeAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => model.TextEncoder.Encode(new TokenizedBatch(new long[5], new bool[8], 2, 4)));
        Assert.Contains("needs 8 ids", e.Message);
    }

    [Fact]
    public void AnEmptyInstructionListIsRefused() =>
        Assert.Throws<ArgumentException>(() => model.TextEncoder.Encode(Array.Empty<string>()));

    [Fact]
    public void AGraphOfTheWrongKindIsRefusedWhenWrapped()
    {
        var vaeDecoder = model.Session(OnnxModelFiles.VaeDecoder);
        Assert.Throws<OnnxContractException>(() => new OnnxTextEncoder(vaeDecoder, model.Tokenizer));
        Assert.Throws<OnnxContractException>(() => new OnnxVae(vaeDecoder, null));
    }
}
