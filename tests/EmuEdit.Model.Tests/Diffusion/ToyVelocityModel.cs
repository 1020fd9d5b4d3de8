using EmuEdit.Model.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

/// <summary>
/// A few-thousand-parameter stand-in for the U-Net: convs over concat(z_t, image latent) plus a bias from
/// a sinusoidal timestep embedding, the masked mean of the text tokens and the task vector.
/// </summary>
internal sealed class ToyVelocityModel : nn.Module, IVelocityModel
{
    private readonly Conv2d _in;
    private readonly Conv2d _out;
    private readonly Linear _time;
    private readonly Linear _text;
    private readonly Linear _task;
    private readonly int _hidden;

    public ToyVelocityModel(int channels, int textWidth, int taskDim, int hidden = 16, long seed = 1) : base(nameof(ToyVelocityModel))
    {
        _hidden = hidden;
        manual_seed(seed);
        _in = nn.Conv2d(2 * channels, hidden, 3, padding: 1);
        _out = nn.Conv2d(hidden, channels, 3, padding: 1);
        _time = nn.Linear(hidden, hidden);
        _text = nn.Linear(textWidth, hidden);
        _task = nn.Linear(taskDim, hidden);
        RegisterComponents();
    }

    public int ForwardCalls { get; private set; }

    public long LastBatchRows { get; private set; }

    public Tensor PredictVelocity(Tensor zt, Tensor timesteps, Tensor imageLatent, Tensor textContext, Tensor textMask, Tensor task)
    {
        ForwardCalls++;
        LastBatchRows = zt.shape[0];
        using var scope = NewDisposeScope();
        var h = _in.forward(cat(new[] { zt, imageLatent }, 1));
        var mask = textMask.to(textContext.dtype).unsqueeze(-1);
        var pooled = (textContext * mask).sum(1) / mask.sum(1).clamp_min(1);
        var bias = _time.forward(Sinusoid(timesteps)) + _text.forward(pooled) + _task.forward(task);
        h = nn.functional.silu(h + bias.unsqueeze(-1).unsqueeze(-1));
        return _out.forward(h).MoveToOuterDisposeScope();
    }

    private Tensor Sinusoid(Tensor timesteps)
    {
        var half = _hidden / 2;
        var freqs = exp(arange(half, ScalarType.Float32) * (-Math.Log(10000.0) / half));
        var angles = timesteps.to(ScalarType.Float32).unsqueeze(1) * freqs.unsqueeze(0);
        return cat(new[] { sin(angles), cos(angles) }, 1);
    }
}
