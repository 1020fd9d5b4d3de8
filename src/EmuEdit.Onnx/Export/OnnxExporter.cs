using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Protos;
using Google.Protobuf;
using TorchSharp;

namespace EmuEdit.Onnx.Export;

/// <summary>
/// Writes a TorchSharp module as an ONNX inference graph. The walk starts at the root module with
/// one graph value per declared input; every module emits its own nodes (see
/// <see cref="IOnnxExportable"/> and <see cref="OnnxEmitterRegistry"/>); the values the root returns
/// become the declared outputs, in order. Parameters become initializers named by their state_dict
/// keys, in their TorchSharp layout. The module is exported in eval mode and its training flag is
/// restored afterwards.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Builds the ModelProto in memory.</summary>
    /// <param name="module">The root module; it is walked, never run.</param>
    /// <param name="inputs">Graph inputs, in the order the root's emitter receives them.</param>
    /// <param name="outputs">Graph outputs, one per value the root returns, in the same order.</param>
    public static ModelProto Export(torch.nn.Module module, IReadOnlyList<OnnxTensorSpec> inputs,
        IReadOnlyList<OnnxTensorSpec> outputs, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (inputs.Count == 0) throw new ArgumentException("A graph needs at least one input.", nameof(inputs));
        if (outputs.Count == 0) throw new ArgumentException("A graph needs at least one output.", nameof(outputs));
        options ??= new OnnxExportOptions();
        if (options.GroupNorm == GroupNormExport.GroupNormalization21 && options.Model.Opset < 21)
            throw new ArgumentException(
                $"GroupNormalization with per-channel scale needs opset 21 or later; the options ask for opset {options.Model.Opset}. " +
                $"Use {nameof(GroupNormExport)}.{nameof(GroupNormExport.InstanceNormalization)} for older opsets.", nameof(options));

        var graph = new OnnxGraphBuilder();
        foreach (var o in outputs) graph.Reserve(o.Name);
        var inputValues = inputs.Select(graph.AddInput).ToArray();

        var wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var context = new OnnxExportContext(module, graph, options);
            var results = context.Emit(module, inputValues);
            if (results.Count != outputs.Count)
                throw new OnnxExportException(
                    $"The root module ({module.GetType().Name}) produced {results.Count} values but {outputs.Count} outputs were declared " +
                    $"({string.Join(", ", outputs.Select(o => o.Name))}).");
            for (var i = 0; i < outputs.Count; i++) graph.AddOutput(results[i], outputs[i]);
        }
        finally
        {
            module.train(wasTraining);
        }

        var model = graph.Build(options.Model);
        // Weights first, in 64-bit arithmetic: CalculateSize itself is an int and overflows past 2 GiB.
        var weightBytes = model.Graph.Initializer.Sum(i => (long)i.RawData.Length);
        var size = weightBytes >= options.MaxModelBytes ? weightBytes : model.CalculateSize();
        if (size > options.MaxModelBytes)
            throw new OnnxExportException(
                $"The model would be {size:N0} bytes, above the {options.MaxModelBytes:N0}-byte limit of a single protobuf file; " +
                "export a smaller model or at lower precision.");
        return model;
    }

    /// <summary>Builds the model and writes it to <paramref name="path"/> (replacing it atomically).</summary>
    public static ModelProto Export(torch.nn.Module module, IReadOnlyList<OnnxTensorSpec> inputs,
        IReadOnlyList<OnnxTensorSpec> outputs, string path, OnnxExportOptions? options = null)
    {
        var model = Export(module, inputs, outputs, options);
        Save(model, path);
        return model;
    }

    /// <summary>Writes a model to disk; a reader never sees a half-written file (temp file + rename).</summary>
    public static void Save(ModelProto model, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = File.Create(temp))
                model.WriteTo(stream);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
