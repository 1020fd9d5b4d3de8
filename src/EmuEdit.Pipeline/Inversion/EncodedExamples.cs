using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Inversion;

/// <summary>
/// Examples encoded for the diffusion loss, on the U-Net's device: each example's latents and instruction
/// context (<see cref="InversionExample"/>), and the null text the loss drops instructions to. Owns its tensors.
/// </summary>
public sealed class EncodedExamples(IReadOnlyList<InversionExample> examples, Tensor nullContext, Tensor nullMask, IReadOnlyList<Tensor> owned) : IDisposable
{
    public IReadOnlyList<InversionExample> Examples { get; } = examples;

    /// <summary>The empty instruction's context [L, D].</summary>
    public Tensor NullContext { get; } = nullContext;

    /// <summary>Its mask [L].</summary>
    public Tensor NullMask { get; } = nullMask;

    public void Dispose()
    {
        foreach (var tensor in owned) tensor.Dispose();
    }
}
