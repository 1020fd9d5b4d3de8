using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace EmuEdit.Contracts.Tests;

public sealed class TensorValidationTests
{
    private static RpcException AssertInvalid(Action action, params string[] fragments)
    {
        RpcException error = Assert.Throws<RpcException>(action);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
        }
        return error;
    }

    private static Tensor Raw(DataType dtype, long[] shape, int bytes)
    {
        var tensor = new Tensor { Name = "x", Dtype = dtype, Raw = ByteString.CopyFrom(new byte[bytes]) };
        tensor.Shape.Add(shape);
        return tensor;
    }

    [Fact]
    public void Wrong_byte_count_says_what_was_needed_and_what_came()
    {
        AssertInvalid(() => TensorCodec.Validate(Raw(DataType.Float32, [2, 3], 20)), "needs 24 bytes", "got 20");
    }

    [Fact]
    public void Unknown_dtype_is_refused()
    {
        AssertInvalid(() => TensorCodec.Validate(Raw((DataType)99, [2], 2)), "unknown dtype 99");
        AssertInvalid(() => TensorCodec.Validate(Raw(DataType.Unspecified, [2], 2)), "UNSPECIFIED");
    }

    [Fact]
    public void Negative_dimension_is_refused()
    {
        AssertInvalid(() => TensorCodec.Validate(Raw(DataType.Uint8, [2, -3], 6)), "dimensions >= 0", "got -3 at index 1");
    }

    [Fact]
    public void Overflowing_shape_is_refused_not_wrapped()
    {
        AssertInvalid(() => TensorCodec.Validate(Raw(DataType.Int64, [long.MaxValue, 4], 0)), "at most");
    }

    [Fact]
    public void Wrong_dtype_for_the_requested_element_type()
    {
        Tensor halves = TensorCodec.Create<Half>("x", new Half[4], 4);
        AssertInvalid(() => TensorCodec.ToArray<float>(halves), "expected dtype FLOAT32", "got FLOAT16");
        AssertInvalid(() => TensorCodec.ToSingles(TensorCodec.Create<long>("x", [1L], 1)), "floating dtype", "got INT64");
    }

    [Fact]
    public void Shape_not_matching_the_spec()
    {
        Tensor tensor = TensorCodec.Create<float>("latent", new float[6], 2, 3);
        var spec = new TensorSpec("latent", DataType.Float32, [TensorSpec.AnyDimension, 4]);
        AssertInvalid(() => TensorCodec.ToArray<float>(tensor, spec), "expected shape [*,4]", "got [2,3]");
        AssertInvalid(() => TensorCodec.Validate(tensor, spec with { Name = "image" }), "expected tensor 'image'", "got 'latent'");
    }

    [Fact]
    public void Bool_bytes_other_than_zero_or_one_are_refused()
    {
        var tensor = new Tensor { Name = "mask", Dtype = DataType.Bool, Raw = ByteString.CopyFrom(0, 1, 2) };
        tensor.Shape.Add(3);
        AssertInvalid(() => TensorCodec.Validate(tensor), "0 or 1", "got 2 at element 2");
    }

    [Fact]
    public void Too_many_dimensions_are_refused()
    {
        AssertInvalid(() => TensorCodec.Validate(Raw(DataType.Uint8, [1, 1, 1, 1, 1, 1, 1, 1, 1], 1)), "at most 8 dimensions", "got 9");
    }

    [Fact]
    public void Sender_mistakes_are_argument_errors_not_status_codes()
    {
        ArgumentException count = Assert.Throws<ArgumentException>(() => TensorCodec.Create<float>("x", new float[5], 2, 3));
        Assert.Contains("needs 6 values, got 5", count.Message, StringComparison.Ordinal);
        ArgumentException negative = Assert.Throws<ArgumentException>(() => TensorCodec.Create<float>("x", new float[0], -1));
        Assert.Contains("got -1 at index 0", negative.Message, StringComparison.Ordinal);
    }
}
