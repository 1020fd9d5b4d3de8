using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// Everything one edit is conditioned on, already encoded: the input image's latent E(c_I), the
/// instruction's token context and mask, the null (empty-instruction) context and mask that the
/// unconditional branches use, and the task vector. Rows are batch entries ([B, ...]).
/// </summary>
public sealed record EditConditioning(
    Tensor ImageLatent,
    Tensor TextContext,
    Tensor TextMask,
    Tensor NullTextContext,
    Tensor NullTextMask,
    Tensor Task);
