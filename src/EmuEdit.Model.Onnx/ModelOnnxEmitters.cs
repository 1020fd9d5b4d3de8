using EmuEdit.Model.Networks;
using EmuEdit.Model.Onnx.Emitters;
using EmuEdit.Onnx.Export;

namespace EmuEdit.Model.Onnx;

/// <summary>Registries that know the project's networks on top of the stock layers.</summary>
public static class ModelOnnxEmitters
{
    /// <summary>The stock layers plus every network block of EmuEdit.Model (no root choice for the autoencoder).</summary>
    public static OnnxEmitterRegistry CreateRegistry() =>
        OnnxEmitterRegistry.CreateDefault()
            .Register<TextEncoder>(new TextEncoderEmitter())
            .Register<PretrainedTextHead>(new PretrainedTextHeadEmitter())
            .Register<TextEncoderLayer>(new TextEncoderLayerEmitter())
            .Register<MultiHeadAttention>(new MultiHeadAttentionEmitter())
            .Register<FeedForward>(new FeedForwardEmitter())
            .Register<ResidualBlock>(new ResidualBlockEmitter())
            .Register<Downsample>(new DownsampleEmitter())
            .Register<Upsample>(new UpsampleEmitter())
            .Register<AutoencoderEncoder>(new AutoencoderEncoderEmitter())
            .Register<AutoencoderDecoder>(new AutoencoderDecoderEmitter());

    /// <summary>The registry for the vae_encoder graph: an <see cref="Autoencoder"/> root emits Encode.</summary>
    public static OnnxEmitterRegistry ForVaeEncoder() => CreateRegistry().Register<Autoencoder>(new VaeEncodeEmitter());

    /// <summary>The registry for the vae_decoder graph: an <see cref="Autoencoder"/> root emits clamped Decode.</summary>
    public static OnnxEmitterRegistry ForVaeDecoder() => CreateRegistry().Register<Autoencoder>(new VaeDecodeEmitter());
}
