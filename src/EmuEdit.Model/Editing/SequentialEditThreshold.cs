using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Model.Editing;

/// <summary>
/// Paper eq. 4, for multi-turn editing: d = mean over RGB of |x_new - x_old|, d̄ = Gaussian low-pass of d,
/// and the old pixel is kept where d̄ &lt; alpha. It stops sampling noise and autoencoder error from
/// accumulating in regions an edit turn did not mean to change.
/// </summary>
/// <remarks>
/// With a reference (<see cref="Apply(Tensor, Tensor, Tensor)"/>) the change is measured against it instead
/// of the old image: the pipeline passes the autoencoder's reconstruction of the input, so that the
/// autoencoder's own error, which is everywhere, does not count as an edit and every pixel the edit left
/// alone comes back exactly.
/// </remarks>
public sealed class SequentialEditThreshold
{
    private readonly SequentialEditThresholdOptions _options;
    private readonly float[] _kernel;

    /// <summary>Prepares the low-pass kernel the options describe.</summary>
    public SequentialEditThreshold(SequentialEditThresholdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _kernel = GaussianKernel(options.Sigma, (int)Math.Ceiling(options.KernelRadiusInSigmas * options.Sigma));
    }

    /// <summary>
    /// Returns the thresholded new image. <paramref name="previous"/> and <paramref name="next"/> are RGB in
    /// [0,1], [3, H, W] or [B, 3, H, W], same shape; the result has that shape and <paramref name="next"/>'s dtype.
    /// </summary>
    public Tensor Apply(Tensor previous, Tensor next) => Apply(previous, next, previous);

    /// <summary>
    /// Returns <paramref name="next"/> where it differs from <paramref name="reference"/> by alpha or more
    /// (low-passed mean RGB change) and <paramref name="previous"/> elsewhere. All three are RGB in [0,1],
    /// [3, H, W] or [B, 3, H, W], same shape; the result has that shape and <paramref name="next"/>'s dtype.
    /// </summary>
    public Tensor Apply(Tensor previous, Tensor next, Tensor reference)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(reference);
        if (!previous.shape.SequenceEqual(next.shape) || !reference.shape.SequenceEqual(next.shape))
            throw new ArgumentException($"shapes differ: [{Shape(previous)}], [{Shape(next)}], [{Shape(reference)}]");
        var single = next.dim() == 3;
        if (!single && next.dim() != 4) throw new ArgumentException("images must be [3, H, W] or [B, 3, H, W]", nameof(next));

        using var scope = NewDisposeScope();
        var oldImage = single ? previous.unsqueeze(0) : previous;
        var newImage = single ? next.unsqueeze(0) : next;
        var referenceImage = single ? reference.unsqueeze(0) : reference;
        var changed = ChangedMask(referenceImage.to(ScalarType.Float32), newImage.to(ScalarType.Float32)); // [B, 1, H, W]
        var kept = where(changed, newImage, oldImage.to(newImage.dtype));
        return (single ? kept.squeeze(0) : kept).MoveToOuterDisposeScope();
    }

    /// <summary>True where the low-passed mean RGB change reaches alpha ([B, 1, H, W] bool).</summary>
    internal Tensor ChangedMask(Tensor oldImage, Tensor newImage)
    {
        using var scope = NewDisposeScope();
        var d = (newImage - oldImage).abs().mean(new long[] { 1 }, keepdim: true);
        var smoothed = LowPass(d);
        return smoothed.ge(_options.Alpha).MoveToOuterDisposeScope();
    }

    /// <summary>Separable Gaussian blur of a [B, 1, H, W] map; edges replicate so borders are not darkened.</summary>
    private Tensor LowPass(Tensor map)
    {
        var radius = _kernel.Length / 2;
        var k = tensor(_kernel, ScalarType.Float32, map.device);
        var horizontal = k.reshape(1, 1, 1, _kernel.Length);
        var vertical = k.reshape(1, 1, _kernel.Length, 1);
        var padded = nn.functional.pad(map, new long[] { radius, radius, radius, radius }, PaddingModes.Replicate);
        var rows = nn.functional.conv2d(padded, horizontal);
        return nn.functional.conv2d(rows, vertical);
    }

    private static string Shape(Tensor t) => string.Join(", ", t.shape);

    private static float[] GaussianKernel(double sigma, int radius)
    {
        var weights = new double[2 * radius + 1];
        for (var i = -radius; i <= radius; i++)
            weights[i + radius] = Math.Exp(-(double)i * i / (2 * sigma * sigma));
        var sum = weights.Sum();
        return weights.Select(w => (float)(w / sum)).ToArray();
    }
}
