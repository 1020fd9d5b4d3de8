using System.Text.Json;
using System.Text.Json.Nodes;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Bench;
using EmuEdit.Pipeline.Engine;

// Edit latency through the running system (gateway -> queue -> worker -> model services) against the
// same edit in-process, and throughput with 1 vs N concurrent clients on one worker (dynamic batching).
// Usage: see bench/pipeline.md.
BenchOptions options = BenchOptions.Parse(args);
// Before anything else touches LibTorch: the in-process engine gets the thread count the worker gets.
EmuEdit.Model.TorchRuntime.Initialise();
using var model = BenchModel.Resolve(options);
Console.WriteLine($"model: {model.Description}");

IReadOnlyList<BenchEdit> edits = BenchEdits.Generate(options.Samples + options.ThroughputEdits, model.ImageSize);

await using var system = await RunningSystem.StartAsync(model.Path, options.WorkerReplicas, options.ModelServiceThreads);
using EditEngine engine = InProcessEditEngine.Load(model.Path);

// Warm-up: JIT, first allocations and gRPC connections out of the measurements.
for (int i = 0; i < options.Warmup; i++)
{
    await engine.RunAsync(edits[i].ToInput(options.Steps));
    await system.EditAsync(edits[i].ToRequest(options.Steps));
}

// Latency, interleaved so that drift on a shared machine hits both paths alike.
var inProcess = new List<EditPhases>();
var gateway = new List<EditPhases>();
for (int i = 0; i < options.Samples; i++)
{
    BenchEdit edit = edits[i];
    var local = new EditPhases();
    await engine.RunAsync(edit.ToInput(options.Steps), (p, _) =>
    {
        local.Stepped(p.Step, p.TotalSteps);
        return ValueTask.CompletedTask;
    });
    local.Finished();
    inProcess.Add(local);
    gateway.Add(await system.EditAsync(edit.ToRequest(options.Steps), serverTimes: true));
    Console.WriteLine($"latency {i + 1}/{options.Samples}: in-process {inProcess[^1].TotalMs:F0} ms, gateway {gateway[^1].TotalMs:F0} ms");
}

// Throughput: the same edits by one client in turn, then by N clients at once.
IReadOnlyList<EditRequest> throughputEdits = [.. edits.Skip(options.Samples).Take(options.ThroughputEdits).Select(e => e.ToRequest(options.Steps))];
double oneClient = await system.ThroughputAsync(throughputEdits, clients: 1);
Console.WriteLine($"throughput, 1 client: {oneClient:F3} edits/s");
double manyClients = await system.ThroughputAsync(throughputEdits, options.Clients);
Console.WriteLine($"throughput, {options.Clients} clients: {manyClients:F3} edits/s");

LatencySummary inProcessMs = LatencySummary.Of([.. inProcess.Select(e => e.TotalMs)]);
LatencySummary gatewayMs = LatencySummary.Of([.. gateway.Select(e => e.TotalMs)]);
var report = new JsonObject
{
    ["machine"] = Machine.Describe(),
    // The file itself is the output, so the command leaves --out out: a local path would mean nothing elsewhere.
    ["command"] = "dotnet run -c Release --project bench/EmuEdit.Pipeline.Bench -- " + string.Join(' ', WithoutOut(args)),
    ["model"] = model.Description,
    ["steps"] = options.Steps,
    ["worker_replicas"] = options.WorkerReplicas,
    ["model_service_threads"] = options.ModelServiceThreads,
    ["latency_samples"] = options.Samples,
    ["in_process_ms"] = inProcessMs.ToJson(),
    ["gateway_ms"] = gatewayMs.ToJson(),
    ["in_process_phases"] = EditPhases.Medians(inProcess),
    ["gateway_phases"] = EditPhases.Medians(gateway),
    ["gateway_job_times"] = ServerTimes.Medians([.. gateway.Select(e => e.Server).OfType<ServerTimes>()]),
    ["gateway_overhead_ratio"] = Math.Round(gatewayMs.Median / inProcessMs.Median, 4),
    ["gateway_overhead_ratio_p95"] = Math.Round(gatewayMs.P95 / inProcessMs.P95, 4),
    ["throughput_edits"] = options.ThroughputEdits,
    ["throughput_1_client_edits_per_s"] = Math.Round(oneClient, 4),
    [$"throughput_{options.Clients}_clients_edits_per_s"] = Math.Round(manyClients, 4),
    [$"batching_speedup_{options.Clients}_clients"] = Math.Round(manyClients / oneClient, 4),
    ["measured_at"] = DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
await File.WriteAllTextAsync(options.Out, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"gateway_overhead_ratio {gatewayMs.Median / inProcessMs.Median:F3} (goal <= 1.15), " +
    $"batching_speedup_{options.Clients}_clients {manyClients / oneClient:F2} (goal >= 2); written to {options.Out}");

static IEnumerable<string> WithoutOut(string[] args)
{
    for (int i = 0; i < args.Length; i++)
    {
        if (args[i] == "--out") { i++; continue; }
        yield return args[i];
    }
}
