using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void LibTorchLoadsAndComputes()
    {
        TorchRuntime.Initialise();
        using var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);
        using var c = matmul(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }

    [Fact]
    public void ThreadCountNeverExceedsCores()
    {
        TorchRuntime.Initialise();
        Assert.InRange(get_num_threads(), 1, Environment.ProcessorCount);
    }
}
