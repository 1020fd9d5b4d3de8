namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// The inputs and outputs a service expects of a model file, checked once when the model is loaded
/// so a wrong file (a VAE given as text encoder, a CLIP export with other tensor names) fails at
/// startup with a list of differences instead of at the first request.
/// </summary>
public sealed record OnnxGraphContract(string Name, IReadOnlyList<OnnxContractTensor> Inputs, IReadOnlyList<OnnxContractTensor> Outputs)
{
    /// <summary>Throws <see cref="OnnxContractException"/> listing every difference between the model and this contract.</summary>
    public void Verify(OnnxModelSession session)
    {
        var problems = new List<string>();
        Check("input", Inputs, session.Inputs, problems);
        Check("output", Outputs, session.Outputs, problems);
        foreach (var extra in session.Inputs.Where(i => Inputs.All(c => c.Name != i.Name)))
            problems.Add($"extra input '{extra.Name}' that a {Name} caller never feeds");
        if (problems.Count > 0)
            throw new OnnxContractException(
                $"Model '{session.ModelName}' does not fit the {Name} contract ({this}): {string.Join("; ", problems)}.");
    }

    public override string ToString() => $"{string.Join(", ", Inputs)} -> {string.Join(", ", Outputs)}";

    private static void Check(string kind, IReadOnlyList<OnnxContractTensor> wanted, IReadOnlyList<OnnxTensorDescription> actual, List<string> problems)
    {
        foreach (var w in wanted)
        {
            var a = actual.FirstOrDefault(x => x.Name == w.Name);
            if (a is null)
                problems.Add($"no {kind} '{w.Name}' (has {string.Join(", ", actual.Select(x => x.Name))})");
            else if (a.DataType != w.DataType)
                problems.Add($"{kind} '{w.Name}' is {a.ElementTypeName}, expected {w.DataType.Name()}");
            else if (a.Rank != w.Rank)
                problems.Add($"{kind} '{w.Name}' has rank {a.Rank} [{string.Join(",", a.Shape)}], expected {w.Layout}");
        }
    }
}
