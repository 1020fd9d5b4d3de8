using System.Globalization;
using System.Text;

namespace EmuEdit.Cli.Bench;

/// <summary>bench/model.md: the measured table with the command, the machine and its load.</summary>
public static class ModelBenchMarkdown
{
    public static string Render(ModelBenchReport r)
    {
        var md = new StringBuilder();
        md.AppendLine("# Model benchmark (CPU)").AppendLine();
        md.AppendLine("Written by `emuedit bench model`; the same numbers are in `bench/results/model.json`.").AppendLine();
        md.AppendLine($"Command: `{r.Command}`  ");
        md.AppendLine($"Machine: {r.Machine.CpuModel}, {r.Machine.LogicalCores} logical cores, LibTorch threads {r.Machine.TorchThreads}, " +
                      $"TorchSharp-cpu, float32, {r.CreatedUtc:yyyy-MM-dd HH:mm} UTC.  ");
        md.AppendLine($"Load average (1/5/15 min) before {Load(r.Machine.LoadAverageBefore)}, after {Load(r.Machine.LoadAverageAfter)}. " +
                      "**The machine is shared** (other builds, tests and a training run); timings are inflated and noisy " +
                      "in proportion to the load, and p95 shows the interference. Rerun on an idle machine before quoting them.").AppendLine();

        md.AppendLine("## Parameters per component").AppendLine();
        md.AppendLine("| preset | U-Net | autoencoder | text encoder | task table | total |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var p in r.Parameters)
            md.AppendLine($"| {p.Preset} | {N(p.UNet)} | {N(p.Autoencoder)} | {N(p.TextEncoder)} | {N(p.TaskTable)} | {N(p.Total)} |");
        md.AppendLine();

        md.AppendLine($"## Speed of `{r.Preset}` ({r.ImageSize}x{r.ImageSize} images, latent {string.Join("x", r.LatentShape)}, random weights)").AppendLine();
        md.AppendLine("| operation | median ms | p95 ms | min ms | runs |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        Row(md, $"train step, batch {r.TrainBatch} (EditorTrainer.Step: text encoder + U-Net forward, backward, clip, AdamW, EMA)", r.TrainStep);
        Row(md, "guided sampling step, 1 job (3-row dual-guidance U-Net forward + DDIM update)", r.GuidedStepOneJob);
        Row(md, $"guided sampling step, {r.BatchedJobs} jobs in one forward ({3 * r.BatchedJobs} rows)", r.GuidedStepBatched);
        Row(md, "autoencoder encode, 1 image", r.AutoencoderEncode);
        Row(md, "autoencoder decode, 1 image", r.AutoencoderDecode);
        md.AppendLine();

        var perJob = r.GuidedStepBatched.MedianMs / r.BatchedJobs;
        md.AppendLine("Derived (medians): " +
                      $"{F(3600_000 / r.TrainStep.MedianMs, 0)} training steps per hour; " +
                      $"a 50-step edit alone ~{F(50 * r.GuidedStepOneJob.MedianMs / 1000, 2)} s of sampling; " +
                      $"batched, {F(perJob)} ms per job per step ({F(r.GuidedStepOneJob.MedianMs / perJob, 2)}x the single-job throughput).");
        md.AppendLine();
        md.AppendLine("The training step excludes encoding images (the latents are precomputed, as a latent cache would give); " +
                      "the text encoder runs inside the step because it trains jointly (paper eq. 2).");
        if (r.Machine.LoadAverageBefore is { } load && load[0] > r.Machine.LogicalCores)
        {
            md.AppendLine();
            md.AppendLine($"The load average was above the {r.Machine.LogicalCores} cores: LibTorch's thread pool degrades many times over " +
                          "when cores are oversubscribed (on this project's shared machine a guided step took ~10x longer with 2 threads " +
                          "than with 1), so measure with `--threads 1` there and compare like with like.");
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, TimingStats t) =>
        md.AppendLine($"| {name} | {F(t.MedianMs)} | {F(t.P95Ms)} | {F(t.MinMs)} | {t.Iterations} |");

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v, int digits = 1) => v.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Load(double[]? l) => l is null ? "n/a" : string.Join(" / ", l.Select(x => F(x, 2)));
}
