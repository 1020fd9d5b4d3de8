using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>
/// <see cref="Autoencoder"/> as the vae_decoder graph: <c>Decode(latents)</c> (divide by latent_scale,
/// decoder) clamped to [-1, 1] as <c>EmuEditModel.DecodeLatents</c> does, so every consumer gets valid pixels.
/// </summary>
internal sealed class VaeDecodeEmitter : OnnxModuleEmitter<Autoencoder>
{
    private const float MinPixel = -1;
    private const float MaxPixel = 1;

    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Autoencoder module, IReadOnlyList<OnnxValue> inputs)
    {
        var unscaled = context.Ops.Div(Arity.Single(context, module, inputs), context.Parameter(module, "latent_scale"));
        var image = context.EmitSingle(module.Decoder, unscaled);
        return [context.Graph.Node("Clip", [image, context.Graph.ScalarFloat(MinPixel), context.Graph.ScalarFloat(MaxPixel)])];
    }
}
