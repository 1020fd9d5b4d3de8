namespace EmuEdit.Inference;

/// <summary>
/// A batch of images or latents as one row-major float array [Count, Channels, Height, Width], the layout
/// the VAE graphs and the tensor wire format use. Images hold RGB in [-1, 1].
/// </summary>
public sealed record PlanarBatch
{
    public PlanarBatch(float[] data, int count, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count <= 0 || channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"Every dimension must be positive; got [{count},{channels},{height},{width}].");
        var needed = (long)count * channels * height * width;
        if (data.LongLength != needed)
            throw new ArgumentException(
                $"Shape [{count},{channels},{height},{width}] needs {needed} values but the data has {data.LongLength}.", nameof(data));
        Data = data;
        Count = count;
        Channels = channels;
        Height = height;
        Width = width;
    }

    public float[] Data { get; }

    public int Count { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public long[] Shape => [Count, Channels, Height, Width];

    /// <summary>Values of one item (image or latent) of the batch, [Channels, Height, Width].</summary>
    public ReadOnlySpan<float> Item(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var size = Channels * Height * Width;
        return Data.AsSpan(index * size, size);
    }

    public override string ToString() => $"[{Count},{Channels},{Height},{Width}]";

    internal static PlanarBatch From(Onnx.Runtime.OnnxOutputTensor output)
    {
        if (output.Shape.Count != 4)
            throw new InvalidOperationException($"Output '{output.Name}' has shape [{string.Join(",", output.Shape)}]; a rank-4 [batch,C,H,W] tensor was expected.");
        return new PlanarBatch(output.Data, (int)output.Shape[0], (int)output.Shape[1], (int)output.Shape[2], (int)output.Shape[3]);
    }
}
