using EmuEdit.Data.Imaging;
using static TorchSharp.torch;

namespace EmuEdit.Training.Data;

/// <summary>Between the data library's HWC images in [0, 1] and the model's CHW tensors in [-1, 1].</summary>
public static class ImageTensors
{
    /// <summary>Packs equally sized images into one CHW buffer in [-1, 1] (runs on loader threads, no torch).</summary>
    public static float[] ToChwSigned(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("no images", nameof(images));
        int w = images[0].Width, h = images[0].Height, plane = w * h;
        var buffer = new float[images.Count * 3 * plane];
        for (var n = 0; n < images.Count; n++)
        {
            var image = images[n];
            if (image.Width != w || image.Height != h)
                throw new ArgumentException($"image {n} is {image.Width}x{image.Height}, expected {w}x{h}", nameof(images));
            var src = image.Data;
            var offset = n * 3 * plane;
            for (var p = 0; p < plane; p++)
                for (var c = 0; c < 3; c++)
                    buffer[offset + c * plane + p] = src[p * 3 + c] * 2f - 1f;
        }
        return buffer;
    }

    /// <summary>A [B, 3, H, W] tensor from a buffer made by <see cref="ToChwSigned"/>.</summary>
    public static Tensor ToTensor(float[] chw, int batch, int height, int width) =>
        tensor(chw, new long[] { batch, 3, height, width });

    /// <summary>Peak signal-to-noise ratio in dB of each image on [0, 1] pixels, from images in [-1, 1].</summary>
    public static double[] Psnr(Tensor reconstructed, Tensor reference)
    {
        using var scope = NewDisposeScope();
        var a = (reconstructed.clamp(-1, 1) + 1) / 2;
        var b = (reference.clamp(-1, 1) + 1) / 2;
        var mse = (a - b).square().flatten(1).mean(new long[] { 1 }).to(ScalarType.Float64);
        // An exact reconstruction has infinite PSNR; 1e-10 caps it at 100 dB so averages stay finite.
        var psnr = mse.clamp_min(1e-10).log10() * -10.0;
        return psnr.data<double>().ToArray();
    }
}
