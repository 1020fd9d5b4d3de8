using System.Runtime.CompilerServices;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Export;

/// <summary>
/// What an emitter sees while the exporter walks the module tree: the graph being built, the
/// functional ops, the module paths (state_dict prefixes) and the way to emit a child module.
/// </summary>
public sealed class OnnxExportContext
{
    private readonly Dictionary<nn.Module, string> _paths = new(ReferenceEqualityComparer.Instance);
    private readonly ConditionalWeakTable<Tensor, object> _seenTensors = new();
    private readonly Dictionary<string, OnnxValue> _parameters = new(StringComparer.Ordinal);

    internal OnnxExportContext(nn.Module root, OnnxGraphBuilder graph, OnnxExportOptions options)
    {
        Graph = graph;
        Options = options;
        Ops = new OnnxOps(graph);
        _paths[root] = "";
        foreach (var (name, module) in root.named_modules())
            _paths.TryAdd(module, name);
    }

    public OnnxGraphBuilder Graph { get; }

    public OnnxOps Ops { get; }

    public OnnxExportOptions Options { get; }

    /// <summary>The module's path in the exported tree ("" for the root), as in its state_dict keys.</summary>
    public string PathOf(nn.Module module) =>
        _paths.TryGetValue(module, out var p) ? p : throw new OnnxExportException(
            $"Module of type {module.GetType().FullName} is not part of the exported module tree; register it as a submodule so its parameters have state_dict names.");

    /// <summary>
    /// Emits <paramref name="module"/> on <paramref name="inputs"/>: through its own
    /// <see cref="IOnnxExportable"/> implementation when it has one, otherwise through the emitter
    /// registered for its type. Fails with <see cref="UnsupportedModuleException"/> otherwise.
    /// </summary>
    public IReadOnlyList<OnnxValue> Emit(nn.Module module, params OnnxValue[] inputs)
    {
        var path = PathOf(module);
        using var scope = Graph.EnterScope(path.Length == 0 ? module.GetName() : path);
        try
        {
            if (module is IOnnxExportable exportable) return exportable.EmitOnnx(this, inputs);
            var emitter = Options.Registry.Find(module.GetType()) ?? throw new UnsupportedModuleException(path, module.GetType());
            return emitter.Emit(this, module, inputs);
        }
        catch (Exception e) when (e is not OnnxExportException)
        {
            // Emitters throw ordinary exceptions (a missing parameter, a bad cast); the path is what
            // makes them actionable in a tree of hundreds of modules.
            throw new OnnxExportException($"Exporting module '{DisplayPath(path)}' ({module.GetType().Name}) failed: {e.Message}", e);
        }
    }

    /// <summary>Emits a module that takes and returns exactly one value.</summary>
    public OnnxValue EmitSingle(nn.Module module, OnnxValue input)
    {
        var outputs = Emit(module, input);
        return outputs.Count == 1 ? outputs[0] : throw new OnnxExportException(
            $"Module '{DisplayPath(PathOf(module))}' ({module.GetType().Name}) produced {outputs.Count} values where one was expected.");
    }

    /// <summary>
    /// The module's own parameter or buffer <paramref name="name"/> as a float32 initializer named by
    /// its state_dict key. A tensor shared between modules becomes one initializer.
    /// </summary>
    public OnnxValue Parameter(nn.Module module, string name) =>
        OptionalParameter(module, name) ?? throw new OnnxExportException(
            $"Module '{DisplayPath(PathOf(module))}' ({module.GetType().Name}) has no parameter or buffer '{name}'.");

    /// <summary>Like <see cref="Parameter"/>, but null when the module has no such tensor (a layer built without bias).</summary>
    public OnnxValue? OptionalParameter(nn.Module module, string name)
    {
        var path = PathOf(module);
        var key = path.Length == 0 ? name : $"{path}.{name}";
        if (_parameters.TryGetValue(key, out var written)) return written;

        var tensor = FindTensor(module, name);
        if (tensor is null) return null;
        if (_seenTensors.TryGetValue(tensor, out var shared)) return (OnnxValue)shared;

        var value = Graph.AddInitializer(OnnxTensorData.Float(key, ReadFloats(tensor), tensor.shape));
        _seenTensors.Add(tensor, value);
        _parameters[key] = value;
        return value;
    }

    /// <summary>State_dict keys of the tensors written so far, with their graph values.</summary>
    public IReadOnlyDictionary<string, OnnxValue> Parameters => _parameters;

    /// <summary>A tensor's values as float32 in row-major order (bf16/fp16/fp64 weights are converted).</summary>
    public static float[] ReadFloats(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var t = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return t.data<float>().ToArray();
    }

    private static Tensor? FindTensor(nn.Module module, string name)
    {
        foreach (var (n, p) in module.named_parameters(recurse: false))
            if (n == name) return p;
        foreach (var (n, b) in module.named_buffers(recurse: false))
            if (n == name) return b;
        return null;
    }

    internal static string DisplayPath(string path) => path.Length == 0 ? "<root>" : path;
}
