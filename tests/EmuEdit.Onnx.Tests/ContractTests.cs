using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Onnx.Tests.TestModules;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests;

/// <summary>Models are checked against the service contracts when loaded.</summary>
public sealed class ContractTests : OnnxTestBase
{
    [Fact]
    public void Exported_text_encoder_fits_the_text_encoder_contract()
    {
        var path = Export(new MaskedSelfAttentionEncoder(10, 8, 2),
            [OnnxTensorSpec.Int64("token_ids", "batch", "L"), OnnxTensorSpec.Bool("token_mask", "batch", "L")],
            [OnnxTensorSpec.Float("context", "batch", "L", 8), OnnxTensorSpec.Float("pooled", "batch", 8)]);
        using var session = new OnnxModelSession(path);

        OnnxGraphContracts.TextEncoder.Verify(session);
    }

    [Fact]
    public void Wrong_graph_for_a_contract_lists_every_difference()
    {
        var path = Export(nn.Conv2d(3, 4, 1),
            [OnnxTensorSpec.Float("image", "batch", 3, "H", "W")], [OnnxTensorSpec.Float("features", "batch", 4, "H", "W")]);
        using var session = new OnnxModelSession(path);

        Assert.Throws<OnnxContractException>(() => OnnxGraphContracts.VaeEncoder.Verify(session));
        var e = Assert.Throws<OnnxContractException>(() => OnnxGraphContracts.TextEncoder.Verify(session));

        Assert.Contains("no input 'token_ids'", e.Message);
        Assert.Contains("no output 'pooled'", e.Message);
        Assert.Contains("extra input 'image'", e.Message);
    }
}
