using EmuEdit.Inference;
using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Onnx;
using EmuEdit.Model.Text;
using EmuEdit.Onnx.Runtime;
using static TorchSharp.torch;

// Per-call latency of the model's ONNX graphs (through OnnxTextEncoder / OnnxVae) against the same
// TorchSharp modules, for the tiny preset with random weights (the timing does not depend on the values).
// Usage: dotnet run -c Release --project bench/EmuEdit.Onnx.Bench -- [threads] [iterations] [preset]
var threads = args.Length > 0 ? int.Parse(args[0]) : 1;
var iterations = args.Length > 1 ? int.Parse(args[1]) : 300;
var preset = args.Length > 2 ? args[2] : "tiny";
TorchRuntime.Initialise(threads);
var folder = Directory.CreateTempSubdirectory("emuedit-onnx-bench").FullName;

string[] instructions = ["make the sky blue", "remove the red triangle in the top left corner", "turn the background into a snowy forest"];
var config = ModelConfig.LoadPreset(preset);
using (var created = EmuEditModel.Create(config, instructions)) ModelCheckpoint.Save(created, folder);
ModelOnnxExport.ExportAll(folder);

// Either text encoder form (tiny-minilm: the frozen all-MiniLM-L6-v2 runs on ONNX Runtime on both sides;
// only its head differs).
using var textEncoder = ModelCheckpoint.LoadInstructionEncoder(folder);
using var autoencoder = ModelCheckpoint.LoadAutoencoder(folder);
textEncoder.Module.eval();
autoencoder.eval();
var sessionOptions = new OnnxSessionOptions { IntraOpThreads = threads, InterOpThreads = 1 };
using var catalog = new OnnxModelCatalog(sessionOptions);
var onnxText = OnnxTextEncoder.OpenAny(catalog.Get(Path.Combine(folder, OnnxModelFiles.TextEncoder)), sessionOptions);
var vae = OnnxVae.Open(catalog, folder);

Console.WriteLine($"preset={preset} threads={threads} iterations={iterations} cores={Environment.ProcessorCount} loadavg(start)={LoadAverage()}");
Console.WriteLine("| call | batch | TorchSharp median ms | TorchSharp p95 ms | ONNX Runtime median ms | ONNX Runtime p95 ms |");
Console.WriteLine("|---|---|---|---|---|---|");

foreach (var batch in new[] { 1, 3 })
{
    var texts = instructions.Take(batch).ToArray();
    // Both sides tokenize: the call a text-encoder service makes per request.
    Report("text encoding (tokenize + encode)", batch, Latency.Compare(() =>
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        textEncoder.Encode(texts, CPU);
    }, () => onnxText.Encode(texts), iterations));
}

var latentSide = config.Autoencoder.ImageSize / config.Autoencoder.DownFactor;
using (var latent = randn(1, config.Autoencoder.LatentChannels, latentSide, latentSide))
{
    var latentBatch = new PlanarBatch(latent.data<float>().ToArray(), 1, config.Autoencoder.LatentChannels, latentSide, latentSide);
    Report($"decode one latent {config.Autoencoder.LatentChannels}x{latentSide}x{latentSide}", 1, Latency.Compare(() =>
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        autoencoder.Decode(latent).clamp(-1, 1);
    }, () => vae.Decode(latentBatch), iterations));
}

Console.WriteLine($"loadavg(end)={LoadAverage()}");
Directory.Delete(folder, recursive: true);

void Report(string call, int batch, ((double Median, double P95) Torch, (double Median, double P95) Onnx) r) =>
    Console.WriteLine($"| {call} | {batch} | {r.Torch.Median:F2} | {r.Torch.P95:F2} | {r.Onnx.Median:F2} | {r.Onnx.P95:F2} |");

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
