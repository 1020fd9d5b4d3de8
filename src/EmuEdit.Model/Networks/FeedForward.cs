using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>The transformer MLP: Linear, GELU, Linear.</summary>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly GELU act;
    private readonly Linear fc2;

    public FeedForward(int width, int multiplier) : base(nameof(FeedForward))
    {
        fc1 = nn.Linear(width, width * multiplier);
        act = nn.GELU();
        fc2 = nn.Linear(width * multiplier, width);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal Linear In => fc1;
    internal GELU Activation => act;
    internal Linear Out => fc2;

    public override Tensor forward(Tensor x) => fc2.forward(act.forward(fc1.forward(x)));
}
