namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// Checks a run's inputs against the model's declared inputs before anything reaches ONNX Runtime,
/// whose own errors name kernels and internal buffers rather than the caller's mistake.
/// </summary>
internal static class OnnxInputValidator
{
    public static void Validate(string modelName, IReadOnlyList<OnnxTensorDescription> expected, IReadOnlyList<OnnxInputTensor> given)
    {
        var byName = new Dictionary<string, OnnxInputTensor>(StringComparer.Ordinal);
        foreach (var t in given)
            if (!byName.TryAdd(t.Name, t))
                throw new OnnxInputException($"Model '{modelName}': input '{t.Name}' was given twice.", t.Name);

        foreach (var t in given)
            if (expected.All(e => e.Name != t.Name))
                throw new OnnxInputException(
                    $"Model '{modelName}' has no input '{t.Name}'; it expects {Describe(expected)}.", t.Name);

        // A symbolic dim (e.g. "batch") may take any size, but the same size in every input naming it.
        var symbols = new Dictionary<string, (long Size, string Input)>(StringComparer.Ordinal);
        foreach (var e in expected)
        {
            if (!byName.TryGetValue(e.Name, out var t))
                throw new OnnxInputException($"Model '{modelName}': input '{e.Name}' is missing; expected {e}. Given: {Describe(given)}.", e.Name);

            if (e.DataType != t.DataType)
                throw new OnnxInputException(
                    $"Model '{modelName}': input '{e.Name}' must be {e.ElementTypeName}, got {t.DataType.Name()} (expected {e}).", e.Name);

            if (e.Rank != t.Shape.Count)
                throw new OnnxInputException(
                    $"Model '{modelName}': input '{e.Name}' must have rank {e.Rank} [{string.Join(",", e.Shape)}], got shape [{string.Join(",", t.Shape)}].", e.Name);

            for (var i = 0; i < e.Rank; i++)
            {
                var dim = e.Shape[i];
                var actual = t.Shape[i];
                if (dim.Size is { } size && size != actual)
                    throw new OnnxInputException(
                        $"Model '{modelName}': input '{e.Name}' dimension {i} must be {size} (expected [{string.Join(",", e.Shape)}]), " +
                        $"got shape [{string.Join(",", t.Shape)}].", e.Name);
                if (!string.IsNullOrEmpty(dim.Symbol))
                {
                    if (symbols.TryGetValue(dim.Symbol, out var seen) && seen.Size != actual)
                        throw new OnnxInputException(
                            $"Model '{modelName}': dimension '{dim.Symbol}' is {seen.Size} in input '{seen.Input}' but {actual} in input '{e.Name}'.", e.Name);
                    symbols.TryAdd(dim.Symbol, (actual, e.Name));
                }
            }
        }
    }

    private static string Describe(IEnumerable<object> items) => string.Join("; ", items);
}
