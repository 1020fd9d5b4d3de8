using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary><see cref="AutoencoderDecoder"/>: unscaled latent to image (not clamped; the VAE decode graph clamps).</summary>
internal sealed class AutoencoderDecoderEmitter : OnnxModuleEmitter<AutoencoderDecoder>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, AutoencoderDecoder module, IReadOnlyList<OnnxValue> inputs)
    {
        var z = Arity.Single(context, module, inputs);
        var h = context.EmitSingle(module.Mid2, context.EmitSingle(module.Mid1, context.EmitSingle(module.ConvIn, z)));
        var blocks = module.Blocks;
        var upsamplers = module.Upsamplers;
        // The same walk as forward: an upsampler after the last block of every level but the highest.
        for (var i = 0; i < blocks.Count; i++)
        {
            h = context.EmitSingle(blocks[i], h);
            var step = i / module.BlocksPerLevel;
            var lastOfLevel = (i + 1) % module.BlocksPerLevel == 0;
            if (lastOfLevel && step < upsamplers.Count) h = context.EmitSingle(upsamplers[step], h);
        }
        return [context.EmitSingle(module.ConvOut, context.Ops.SiLU(context.EmitSingle(module.NormOut, h)))];
    }
}
