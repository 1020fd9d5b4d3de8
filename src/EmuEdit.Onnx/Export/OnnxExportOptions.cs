using EmuEdit.Onnx.Graph;

namespace EmuEdit.Onnx.Export;

/// <summary>How GroupNorm is written.</summary>
public enum GroupNormExport
{
    /// <summary>
    /// Reshape to [N, G, -1], InstanceNormalization, reshape back, per-channel affine. Works with
    /// any opset ≥ 13 and every ORT execution provider, and cannot fall into the opset-18 trap.
    /// </summary>
    InstanceNormalization,

    /// <summary>
    /// The GroupNormalization operator with opset-21 semantics (per-channel scale and bias). Only
    /// valid when the model imports opset 21 or later: at opset 18 the same node takes per-group
    /// scale and bias and would compute something else.
    /// </summary>
    GroupNormalization21,
}

/// <summary>Settings for <see cref="OnnxExporter"/>.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>Emitters for module types that do not implement <see cref="IOnnxExportable"/>.</summary>
    public OnnxEmitterRegistry Registry { get; init; } = OnnxEmitterRegistry.CreateDefault();

    /// <summary>Producer, opset, IR version and metadata written into the model.</summary>
    public OnnxModelInfo Model { get; init; } = new();

    public GroupNormExport GroupNorm { get; init; } = GroupNormExport.InstanceNormalization;

    /// <summary>
    /// A single protobuf message cannot exceed 2 GiB; models above this size would need external
    /// weight files, which the exporter does not write, so it refuses them with a clear message.
    /// </summary>
    public long MaxModelBytes { get; init; } = int.MaxValue;
}
