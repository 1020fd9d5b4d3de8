namespace EmuEdit.Onnx.Graph;

/// <summary>
/// A value flowing through the graph being built: the name of a graph input, an initializer or a
/// node output. A distinct type (rather than a bare string) so emitters cannot pass an op type or a
/// parameter name where a tensor is expected.
/// </summary>
public readonly record struct OnnxValue(string Name)
{
    public override string ToString() => Name;
}
