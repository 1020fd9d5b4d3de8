using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;

namespace EmuEdit.Contracts.Tests;

public sealed class TensorCodecRoundTripTests
{
    private static readonly long[] Shape = [2, 3];

    [Fact]
    public void Float32_round_trips_bit_exactly()
    {
        float[] values = [0f, -1.5f, float.Epsilon, float.MaxValue, float.NegativeInfinity, 3.25f];
        Tensor tensor = TensorCodec.Create<float>("x", values, Shape);
        Assert.Equal(DataType.Float32, tensor.Dtype);
        Assert.Equal(values.Length * sizeof(float), tensor.Raw.Length);
        Assert.Equal(values, TensorCodec.ToArray<float>(tensor));
    }

    [Fact]
    public void Float16_round_trips()
    {
        Half[] values = [(Half)0f, (Half)(-2f), Half.MaxValue, Half.Epsilon, (Half)0.333f, Half.NegativeInfinity];
        Tensor tensor = TensorCodec.Create<Half>("h", values, Shape);
        Assert.Equal(DataType.Float16, tensor.Dtype);
        Assert.Equal(values, TensorCodec.ToArray<Half>(tensor));
        Assert.Equal(values.Select(h => (float)h), TensorCodec.ToSingles(tensor));
    }

    [Fact]
    public void BFloat16_round_trips_and_rounds_to_nearest_even()
    {
        BFloat16[] values = [.. new[] { 1f, -2.5f, 1e30f, 0f, 3.140625f, -0.0078125f }.Select(v => (BFloat16)v)];
        Tensor tensor = TensorCodec.Create<BFloat16>("b", values, Shape);
        Assert.Equal(DataType.Bfloat16, tensor.Dtype);
        Assert.Equal(values, TensorCodec.ToArray<BFloat16>(tensor));
        Assert.Equal(3.140625f, TensorCodec.ToSingles(tensor)[4]);
        // 1 + 2^-8 lies exactly between two bf16 values; ties go to the even one (1.0).
        Assert.Equal(1f, (float)(BFloat16)(1f + (1f / 256)));
        Assert.True(float.IsNaN((float)(BFloat16)float.NaN));
    }

    [Fact]
    public void Int64_round_trips_little_endian()
    {
        long[] values = [long.MinValue, -1, 0, 1, 50256, long.MaxValue];
        Tensor tensor = TensorCodec.Create<long>("ids", values, Shape);
        Assert.Equal(DataType.Int64, tensor.Dtype);
        Assert.Equal(new byte[] { 0x50, 0xC4, 0, 0, 0, 0, 0, 0 }, tensor.Raw.Span.Slice(4 * sizeof(long), sizeof(long)).ToArray());
        Assert.Equal(values, TensorCodec.ToArray<long>(tensor));
    }

    [Fact]
    public void Bool_round_trips_as_one_byte_each()
    {
        bool[] values = [true, false, false, true, true, false];
        Tensor tensor = TensorCodec.Create<bool>("mask", values, Shape);
        Assert.Equal(DataType.Bool, tensor.Dtype);
        Assert.Equal(new byte[] { 1, 0, 0, 1, 1, 0 }, tensor.Raw.ToByteArray());
        Assert.Equal(values, TensorCodec.ToArray<bool>(tensor));
    }

    [Fact]
    public void UInt8_round_trips()
    {
        byte[] values = [0, 1, 127, 128, 254, 255];
        Tensor tensor = TensorCodec.Create<byte>("pixels", values, Shape);
        Assert.Equal(DataType.Uint8, tensor.Dtype);
        Assert.Equal(values, TensorCodec.ToArray<byte>(tensor));
    }

    [Fact]
    public void Scalars_and_empty_tensors_round_trip()
    {
        Tensor scalar = TensorCodec.Create<float>("s", [42f]);
        Assert.Empty(scalar.Shape);
        Assert.Equal([42f], TensorCodec.ToArray<float>(scalar));

        Tensor empty = TensorCodec.Create<float>("e", [], 0, 4);
        Assert.Empty(TensorCodec.ToArray<float>(empty));
    }

    [Fact]
    public void Spec_accepts_wildcard_dimensions()
    {
        Tensor tensor = TensorCodec.Create<float>("latent", new float[2 * 4 * 3 * 3], 2, 4, 3, 3);
        var spec = new TensorSpec("latent", DataType.Float32, [TensorSpec.AnyDimension, 4, 3, 3]);
        Assert.Equal(72, TensorCodec.ToArray<float>(tensor, spec).Length);
    }
}
