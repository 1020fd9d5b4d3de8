using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests;

/// <summary>What cannot be exported fails with a message that names the module.</summary>
public sealed class ExportFailureTests : OnnxTestBase
{
    private static readonly OnnxTensorSpec[] In = [OnnxTensorSpec.Float("x", "batch", 4)];
    private static readonly OnnxTensorSpec[] Out = [OnnxTensorSpec.Float("y", "batch", 4)];

    [Fact]
    public void Unsupported_stock_layer_is_named_by_path_and_type()
    {
        var net = nn.Sequential(("block", nn.Sequential(("fc", nn.Linear(4, 4)), ("odd", nn.Softplus()))));

        var e = Assert.Throws<UnsupportedModuleException>(() => OnnxExporter.Export(net, In, Out));

        Assert.Equal("block.odd", e.ModulePath);
        Assert.Equal(typeof(TorchSharp.Modules.Softplus), e.ModuleType);
        Assert.Contains("'block.odd'", e.Message);
        Assert.Contains("Softplus", e.Message);
    }

    [Fact]
    public void Custom_module_without_an_emitter_is_refused_at_the_root()
    {
        var e = Assert.Throws<UnsupportedModuleException>(() => OnnxExporter.Export(new Opaque(), In, Out));

        Assert.Contains("<root>", e.Message);
        Assert.Contains(nameof(Opaque), e.Message);
        Assert.Contains(nameof(IOnnxExportable), e.Message);
    }

    [Fact]
    public void Registered_emitter_makes_a_custom_module_exportable()
    {
        var options = new OnnxExportOptions { Registry = OnnxEmitterRegistry.CreateDefault().Register<Opaque>(new OpaqueEmitter()) };

        var model = OnnxExporter.Export(new Opaque(), In, Out, options);

        Assert.Contains(model.Graph.Node, n => n.OpType == "Neg");
    }

    [Fact]
    public void Declared_outputs_must_match_what_the_root_returns()
    {
        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(nn.Linear(4, 4), In, [.. Out, OnnxTensorSpec.Float("z", "batch", 4)]));

        Assert.Contains("produced 1 values but 2 outputs", e.Message);
    }

    [Fact]
    public void Per_channel_GroupNormalization_is_refused_below_opset_21()
    {
        var options = new OnnxExportOptions { GroupNorm = GroupNormExport.GroupNormalization21, Model = new OnnxModelInfo { Opset = 18 } };

        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(nn.GroupNorm(2, 4), In, Out, options));

        Assert.Contains("opset 21", e.Message);
    }

    private sealed class Opaque() : nn.Module<Tensor, Tensor>(nameof(Opaque))
    {
        public override Tensor forward(Tensor input) => -input;
    }

    private sealed class OpaqueEmitter : OnnxModuleEmitter<Opaque>
    {
        protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Opaque module, IReadOnlyList<OnnxValue> inputs) =>
            [context.Ops.Unary("Neg", inputs[0])];
    }
}
