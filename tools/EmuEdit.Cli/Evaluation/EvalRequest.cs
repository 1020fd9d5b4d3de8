namespace EmuEdit.Cli.Evaluation;

/// <summary>Everything `emuedit eval` was asked for.</summary>
public sealed record EvalRequest
{
    public required string ModelFolder { get; init; }

    /// <summary>A benchmark root, folder or manifest; null writes the fixed benchmark beside the output first.</summary>
    public string? Benchmark { get; init; }

    public required string OutputJson { get; init; }
    public SamplingSettings Sampling { get; init; } = new();
    public int? LimitPerTask { get; init; }

    /// <summary>Examples per engine batch (jobs sharing each U-Net forward).</summary>
    public int BatchSize { get; init; } = 8;

    public bool Sweep { get; init; }
    public SweepOptions SweepOptions { get; init; } = new();

    /// <summary>Skip the ResNet-18 feature similarity (it costs about as much as a short edit per image on a loaded CPU).</summary>
    public bool SkipFeatureSimilarity { get; init; }

    public string? ClipImage { get; init; }
    public string? ClipText { get; init; }

    /// <summary>Folder with the CLIP text tower's vocab.json and merges.txt; default: the text ONNX file's folder.</summary>
    public string? ClipTokenizer { get; init; }

    public string? Dino { get; init; }
}
