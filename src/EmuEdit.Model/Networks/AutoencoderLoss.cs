using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// One autoencoder training loss: <see cref="Total"/> = <see cref="Reconstruction"/> + klWeight * <see cref="Kl"/>
/// (both per-element means), and the reconstruction itself for logging.
/// </summary>
public sealed record AutoencoderLoss(Tensor Total, Tensor Reconstruction, Tensor Kl, Tensor Reconstructed);
