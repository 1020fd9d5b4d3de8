namespace EmuEdit.Onnx.Graph;

/// <summary>What goes into a ModelProto besides the graph: identity, opset and free-form metadata.</summary>
public sealed record OnnxModelInfo
{
    /// <summary>Default operator set. 21 is the first with per-channel GroupNormalization and is served by ORT 1.17+.</summary>
    public const int DefaultOpset = 21;

    /// <summary>IR version 10 is the one that accompanies opset 21 (ONNX 1.16).</summary>
    public const long DefaultIrVersion = 10;

    public string GraphName { get; init; } = "main";

    public string ProducerName { get; init; } = "EmuEdit.Onnx";

    public string ProducerVersion { get; init; } =
        typeof(OnnxModelInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public int Opset { get; init; } = DefaultOpset;

    public long IrVersion { get; init; } = DefaultIrVersion;

    public long ModelVersion { get; init; } = 1;

    public string? DocString { get; init; }

    /// <summary>Written as ModelProto.metadata_props; ORT exposes them as ModelMetadata.CustomMetadataMap.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
