namespace EmuEdit.Onnx.Runtime;

/// <summary>The outputs of one run, in the order they were asked for, also reachable by name.</summary>
public sealed class OnnxRunOutputs(IReadOnlyList<OnnxOutputTensor> outputs) : IReadOnlyList<OnnxOutputTensor>
{
    public OnnxOutputTensor this[int index] => outputs[index];

    public OnnxOutputTensor this[string name] =>
        outputs.FirstOrDefault(o => o.Name == name) ?? throw new KeyNotFoundException(
            $"No output '{name}' in this run; it produced {string.Join(", ", outputs.Select(o => o.Name))}.");

    public int Count => outputs.Count;

    public IEnumerator<OnnxOutputTensor> GetEnumerator() => outputs.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
