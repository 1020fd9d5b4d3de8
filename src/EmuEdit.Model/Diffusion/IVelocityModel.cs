using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// The denoising network as the sampler, the losses and task inversion see it: the paper's
/// eps_theta(z_t, t, E(c_I), c_T, v_i), here predicting v (v-prediction).
/// </summary>
/// <remarks>
/// Shapes: <paramref name="zt"/> and <paramref name="imageLatent"/> [B, C_z, h, w] (an all-zero
/// <paramref name="imageLatent"/> is the "no image" condition); <paramref name="timesteps"/> [B] int64;
/// <paramref name="textContext"/> [B, L, D]; <paramref name="textMask"/> [B, L] bool, true for real tokens
/// (cross-attention ignores the rest); <paramref name="task"/> [B, T] float, a built-in task embedding or
/// any external vector (an inverted task). Returns v with the shape of <paramref name="zt"/>.
/// </remarks>
public interface IVelocityModel
{
    Tensor PredictVelocity(Tensor zt, Tensor timesteps, Tensor imageLatent, Tensor textContext, Tensor textMask, Tensor task);
}
