using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>
/// <see cref="Autoencoder"/> as the vae_encoder graph: <c>Autoencoder.Encode(images)</c> with its default
/// (deterministic) path, i.e. the first C_z channels of the encoder output (the mean) times latent_scale.
/// An autoencoder has two graphs, so which one a root Autoencoder emits is chosen by the emitter registered
/// for the export rather than by the module.
/// </summary>
internal sealed class VaeEncodeEmitter : OnnxModuleEmitter<Autoencoder>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Autoencoder module, IReadOnlyList<OnnxValue> inputs)
    {
        var moments = context.EmitSingle(module.Encoder, Arity.Single(context, module, inputs));
        var mean = context.Ops.Slice(moments, [0], [module.Options.LatentChannels], [1]);
        return [context.Ops.Mul(mean, context.Parameter(module, "latent_scale"))];
    }
}
