using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary><see cref="AutoencoderEncoder"/>: image to stacked mean and log-variance [B, 2*C_z, h, w].</summary>
internal sealed class AutoencoderEncoderEmitter : OnnxModuleEmitter<AutoencoderEncoder>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, AutoencoderEncoder module, IReadOnlyList<OnnxValue> inputs)
    {
        var h = context.EmitSingle(module.ConvIn, Arity.Single(context, module, inputs));
        var blocks = module.Blocks;
        var downsamplers = module.Downsamplers;
        // The same level walk as forward: a downsampler after the last block of every level but the lowest.
        for (var i = 0; i < blocks.Count; i++)
        {
            h = context.EmitSingle(blocks[i], h);
            var level = i / module.BlocksPerLevel;
            var lastOfLevel = (i + 1) % module.BlocksPerLevel == 0;
            if (lastOfLevel && level < downsamplers.Count) h = context.EmitSingle(downsamplers[level], h);
        }
        h = context.EmitSingle(module.Mid2, context.EmitSingle(module.Mid1, h));
        return [context.EmitSingle(module.ConvOut, context.Ops.SiLU(context.EmitSingle(module.NormOut, h)))];
    }
}
