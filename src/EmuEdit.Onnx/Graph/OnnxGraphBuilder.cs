using System.Text;
using EmuEdit.Onnx.Protos;

namespace EmuEdit.Onnx.Graph;

/// <summary>
/// Accumulates one ONNX graph: typed inputs and outputs, initializers and nodes in topological
/// order (callers add a node only after its inputs exist, which a forward walk does naturally).
/// Every value and node name is unique; names are derived from the current scope (a module path)
/// so a failing node in ORT's error message points back at the module that emitted it.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Stack<string> _scopes = new();

    /// <summary>The current scope (module path), "" at the root.</summary>
    public string Scope => _scopes.Count == 0 ? "" : _scopes.Peek();

    public int NodeCount => _graph.Node.Count;

    public int InitializerCount => _graph.Initializer.Count;

    /// <summary>Enters a naming scope until the returned handle is disposed.</summary>
    public IDisposable EnterScope(string scope)
    {
        _scopes.Push(scope);
        return new ScopeExit(this);
    }

    /// <summary>
    /// Keeps a name free for a later exact use (graph outputs are named before the nodes that
    /// produce them exist, so generated names must not take them).
    /// </summary>
    public void Reserve(string name)
    {
        if (_names.Contains(name) || !_reserved.Add(name))
            throw new InvalidOperationException($"The value name '{name}' is already taken.");
    }

    /// <summary>A value name not yet used in this graph, derived from <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        var stem = Sanitise(hint);
        var name = stem;
        for (var i = 1; _names.Contains(name) || _reserved.Contains(name); i++)
            name = $"{stem}_{i}";
        _names.Add(name);
        return name;
    }

    /// <summary>Declares a graph input with its type and (possibly symbolic) shape.</summary>
    public OnnxValue AddInput(OnnxTensorSpec spec)
    {
        Claim(spec.Name);
        _graph.Input.Add(ValueInfo(spec));
        return new OnnxValue(spec.Name);
    }

    /// <summary>
    /// Declares <paramref name="value"/> as a graph output named <paramref name="spec"/>.Name; an
    /// Identity node renames it when the producing node chose another name.
    /// </summary>
    public void AddOutput(OnnxValue value, OnnxTensorSpec spec)
    {
        _reserved.Remove(spec.Name);
        if (value.Name != spec.Name)
        {
            Claim(spec.Name);
            _graph.Node.Add(NewNode("Identity", [value], [spec.Name], []));
        }
        _graph.Output.Add(ValueInfo(spec));
    }

    /// <summary>Adds an initializer under its own (exact) name; the name must be unused.</summary>
    public OnnxValue AddInitializer(TensorProto tensor)
    {
        Claim(tensor.Name);
        _graph.Initializer.Add(tensor);
        return new OnnxValue(tensor.Name);
    }

    /// <summary>Adds a node with one output and returns that output.</summary>
    public OnnxValue Node(string opType, IReadOnlyList<OnnxValue?> inputs, params AttributeProto[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>
    /// Adds a node with <paramref name="outputCount"/> outputs. A null input stands for an omitted
    /// optional input (written as ""), as in Resize's unused roi.
    /// </summary>
    public OnnxValue[] Node(string opType, IReadOnlyList<OnnxValue?> inputs, int outputCount, params AttributeProto[] attributes)
    {
        var prefix = Scope.Length == 0 ? opType : $"{Scope}/{opType}";
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
            outputs[i] = UniqueName(outputCount == 1 ? $"{prefix}_output" : $"{prefix}_output_{i}");
        _graph.Node.Add(NewNode(opType, inputs, outputs, attributes));
        return outputs.Select(o => new OnnxValue(o)).ToArray();
    }

    /// <summary>A Constant node holding int64 values (shapes, axes, slice bounds).</summary>
    public OnnxValue ConstantInt64(params long[] values) => ConstantInt64(values, [values.Length]);

    /// <summary>A 0-d int64 Constant node.</summary>
    public OnnxValue ScalarInt64(long value) => ConstantInt64([value], []);

    /// <summary>A Constant node holding float values.</summary>
    public OnnxValue ConstantFloat(float[] values, long[] dims) =>
        Node("Constant", [], OnnxAttribute.Tensor("value", OnnxTensorData.Float("value", values, dims)));

    /// <summary>A 0-d float Constant node.</summary>
    public OnnxValue ScalarFloat(float value) => ConstantFloat([value], []);

    /// <summary>Assembles the ModelProto. The builder can keep growing afterwards; the model shares its graph.</summary>
    public ModelProto Build(OnnxModelInfo info)
    {
        _graph.Name = info.GraphName;
        var model = new ModelProto
        {
            IrVersion = info.IrVersion,
            ProducerName = info.ProducerName,
            ProducerVersion = info.ProducerVersion,
            ModelVersion = info.ModelVersion,
            Graph = _graph,
        };
        if (info.DocString is not null) model.DocString = info.DocString;
        // The default domain is written as "" explicitly: proto2 keeps it, and readers that compare
        // domains then see exactly the ONNX default operator set.
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = info.Opset });
        foreach (var (key, value) in info.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private OnnxValue ConstantInt64(long[] values, long[] dims) =>
        Node("Constant", [], OnnxAttribute.Tensor("value", OnnxTensorData.Int64("value", values, dims)));

    private NodeProto NewNode(string opType, IReadOnlyList<OnnxValue?> inputs, IReadOnlyList<string> outputs, IReadOnlyList<AttributeProto> attributes)
    {
        var stem = Scope.Length == 0 ? opType : $"{Scope}/{opType}";
        var nodeName = stem;
        for (var i = 1; !_nodeNames.Add(nodeName); i++) nodeName = $"{stem}_{i}";

        var node = new NodeProto { OpType = opType, Name = nodeName, Domain = "" };
        node.Input.AddRange(inputs.Select(v => v?.Name ?? ""));
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private void Claim(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("A graph value needs a name.", nameof(name));
        if (!_names.Add(name) || _reserved.Contains(name))
            throw new InvalidOperationException($"The value name '{name}' is already used in this graph.");
    }

    private static ValueInfoProto ValueInfo(OnnxTensorSpec spec)
    {
        var shape = new TensorShapeProto();
        foreach (var d in spec.Shape)
        {
            var dim = new TensorShapeProto.Types.Dimension();
            if (d.IsSymbolic) dim.DimParam = d.Symbol; else dim.DimValue = d.Size!.Value;
            shape.Dim.Add(dim);
        }
        return new ValueInfoProto
        {
            Name = spec.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)spec.ElementType, Shape = shape } },
        };
    }

    // Value names are free-form in ONNX, but tools that turn them into identifiers (netron, ORT's
    // profiler) cope better with a plain alphabet.
    private static string Sanitise(string hint)
    {
        var sb = new StringBuilder(hint.Length);
        foreach (var c in hint) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-' ? c : '_');
        return sb.Length == 0 ? "value" : sb.ToString();
    }

    private sealed class ScopeExit(OnnxGraphBuilder owner) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            owner._scopes.Pop();
        }
    }
}
