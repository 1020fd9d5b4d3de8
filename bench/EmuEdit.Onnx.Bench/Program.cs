using System.Diagnostics;
using EmuEdit.Model;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

// Median wall time per forward of the same network in TorchSharp and in ONNX Runtime (CPU), after
// warm-up, for a decoder-like conv stack at 64x64 and an MLP over text tokens.
// Usage: dotnet run -c Release --project bench/EmuEdit.Onnx.Bench [threads] [iterations]
var threads = args.Length > 0 ? int.Parse(args[0]) : 2;
var iterations = args.Length > 1 ? int.Parse(args[1]) : 20;
TorchRuntime.Initialise(threads);
var dir = Directory.CreateTempSubdirectory("emuedit-onnx-bench").FullName;

Console.WriteLine($"threads={threads} iterations={iterations} cores={Environment.ProcessorCount}");
Console.WriteLine("| network | batch | TorchSharp ms | ONNX Runtime ms |");
Console.WriteLine("|---|---|---|---|");

foreach (var batch in new[] { 1, 3 })
    Compare("decoder block 16x16x16 -> 3x64x64 (widths 128/64)", DecoderBlock(), batch, [16, 16, 16]);
foreach (var batch in new[] { 1, 3 })
    Compare("token MLP 24x256 -> 24x256 (4 layers)", TokenMlp(), batch, [24, 256]);

Directory.Delete(dir, recursive: true);

void Compare(string name, Sequential net, int batch, long[] itemShape)
{
    net.eval();
    var specDims = new OnnxDim[] { "batch" }.Concat(itemShape.Select(d => (OnnxDim)d)).ToArray();
    var path = Path.Combine(dir, "net.onnx");
    OnnxExporter.Export(net, [OnnxTensorSpec.Float("x", specDims)], [OnnxTensorSpec.Float("y", ["batch", .. Enumerable.Repeat<OnnxDim>("d", itemShape.Length)])], path);
    using var session = new OnnxModelSession(path, new OnnxSessionOptions { IntraOpThreads = threads, InterOpThreads = 1 });

    long[] shape = [batch, .. itemShape];
    using var x = randn(shape);
    var data = OnnxExportContext.ReadFloats(x);
    var input = OnnxInputTensor.Float("x", data, shape);

    var (torchMs, ortMs) = Medians(() =>
    {
        using var _ = no_grad();
        using var y = net.forward(x);
    }, () => session.Run(input));
    Console.WriteLine($"| {name} | {batch} | {torchMs:F2} | {ortMs:F2} |");
}

// The two runtimes alternate, so load from other processes on a shared machine hits both alike.
(double, double) Medians(Action a, Action b)
{
    for (var i = 0; i < 3; i++) { a(); b(); }
    var ta = new double[iterations];
    var tb = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var sw = Stopwatch.StartNew();
        a();
        ta[i] = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        b();
        tb[i] = sw.Elapsed.TotalMilliseconds;
    }
    Array.Sort(ta);
    Array.Sort(tb);
    return (ta[iterations / 2], tb[iterations / 2]);
}

static Sequential DecoderBlock()
{
    var net = nn.Sequential(
        ("conv_in", nn.Conv2d(16, 128, 3, padding: 1)),
        ("norm1", nn.GroupNorm(32, 128)),
        ("act1", nn.SiLU()),
        ("up1", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)),
        ("conv1", nn.Conv2d(128, 64, 3, padding: 1)),
        ("norm2", nn.GroupNorm(32, 64)),
        ("act2", nn.SiLU()),
        ("up2", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)),
        ("conv2", nn.Conv2d(64, 64, 3, padding: 1)),
        ("norm3", nn.GroupNorm(32, 64)),
        ("act3", nn.SiLU()),
        ("conv_out", nn.Conv2d(64, 3, 3, padding: 1)));
    using var _ = no_grad();
    foreach (var (_, m) in net.named_modules())
        if (m is GroupNorm g) { g.weight!.fill_(1); g.bias!.zero_(); }
    return net;
}

static Sequential TokenMlp() => nn.Sequential(
    ("fc1", nn.Linear(256, 1024)), ("gelu1", nn.GELU()), ("fc2", nn.Linear(1024, 256)), ("ln1", nn.LayerNorm(256)),
    ("fc3", nn.Linear(256, 1024)), ("gelu2", nn.GELU()), ("fc4", nn.Linear(1024, 256)), ("ln2", nn.LayerNorm(256)));
