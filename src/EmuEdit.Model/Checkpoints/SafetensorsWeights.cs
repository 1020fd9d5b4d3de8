using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace EmuEdit.Model.Checkpoints;

/// <summary>
/// One module's state (parameters and buffers) to and from a safetensors file, strictly: loading checks
/// every key and shape against the module before copying anything, so a partial load never happens.
/// </summary>
public static class SafetensorsWeights
{
    /// <summary>Writes the module's state; floating-point parameters in <paramref name="storage"/>, buffers as they are.</summary>
    public static void Save(nn.Module module, string path, WeightStorage storage = WeightStorage.Float32)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = NewDisposeScope();
        var buffers = module.named_buffers().Select(b => b.name).ToHashSet();
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, value) in module.state_dict())
        {
            var cpu = value.detach().cpu();
            state[name] = buffers.Contains(name) || !cpu.is_floating_point() ? cpu : cpu.to_type(StorageType(storage));
        }
        using var stream = File.Create(path);
        Safetensors.SaveStateDict(stream, state, leaveOpen: true);
    }

    /// <summary>
    /// Copies a file written by <see cref="Save"/> into <paramref name="module"/> (converting to the module's
    /// dtypes). Throws <see cref="CheckpointMismatchException"/> naming the first missing, unexpected or
    /// mis-shaped key.
    /// </summary>
    public static void Load(nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file {path} does not exist.", path);
        using var scope = NewDisposeScope();
        var loaded = Safetensors.LoadStateDict(path);
        var expected = module.state_dict();
        var file = Path.GetFileName(path);

        foreach (var (name, target) in expected)
        {
            if (!loaded.TryGetValue(name, out var source))
                throw new CheckpointMismatchException(
                    $"{file}: missing key '{name}' (the model expects shape [{string.Join(", ", target.shape)}]).");
            if (!source.shape.SequenceEqual(target.shape))
                throw new CheckpointMismatchException(
                    $"{file}: key '{name}' has shape [{string.Join(", ", source.shape)}] but the model expects [{string.Join(", ", target.shape)}].");
        }
        var unexpected = loaded.Keys.Where(k => !expected.ContainsKey(k)).ToArray();
        if (unexpected.Length > 0)
            throw new CheckpointMismatchException(
                $"{file}: unexpected key '{unexpected[0]}' (not in the model built from this config)" +
                (unexpected.Length > 1 ? $" and {unexpected.Length - 1} more." : "."));

        using (no_grad())
        {
            foreach (var (name, target) in expected)
                target.copy_(loaded[name]);
        }
    }

    /// <summary>The dtype each key is stored in (diagnostics and tests).</summary>
    public static IReadOnlyDictionary<string, ScalarType> StoredTypes(string path)
    {
        using var scope = NewDisposeScope();
        return Safetensors.LoadStateDict(path).ToDictionary(kv => kv.Key, kv => kv.Value.dtype);
    }

    private static ScalarType StorageType(WeightStorage storage) => storage switch
    {
        WeightStorage.Float32 => ScalarType.Float32,
        WeightStorage.Float16 => ScalarType.Float16,
        WeightStorage.BFloat16 => ScalarType.BFloat16,
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, "Unknown weight storage."),
    };
}
