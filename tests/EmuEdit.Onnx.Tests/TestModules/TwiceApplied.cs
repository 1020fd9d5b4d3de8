using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests.TestModules;

/// <summary>One Linear used twice in forward (weight tying): its weights must be written once.</summary>
internal sealed class TwiceApplied : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Linear fc;

    public TwiceApplied() : base(nameof(TwiceApplied))
    {
        fc = nn.Linear(8, 8);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => fc.forward(nn.functional.silu(fc.forward(input)));

    public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs) =>
        [context.EmitSingle(fc, context.Ops.SiLU(context.EmitSingle(fc, inputs[0])))];
}
