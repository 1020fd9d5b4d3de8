using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;
using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.TaskPrediction;
using EmuEdit.Testing;

namespace EmuEdit.Pipeline.Bench;

/// <summary>
/// The model the benchmark runs: a given model folder, or a randomly initialised one of a preset's size
/// written to a temporary folder (deleted on dispose). A forward pass costs the same whatever the weights.
/// </summary>
public sealed class BenchModel : IDisposable
{
    private const long WeightSeed = 1;
    private const int PhrasingsPerTask = 20;
    private readonly bool _temporary;

    private BenchModel(string path, string description, int imageSize, bool temporary)
    {
        Path = path;
        Description = description;
        ImageSize = imageSize;
        _temporary = temporary;
    }

    public string Path { get; }
    public string Description { get; }
    public int ImageSize { get; }

    public static BenchModel Resolve(BenchOptions options)
    {
        if (options.ModelDirectory is { } folder)
        {
            ModelConfig config = ModelConfig.Load(System.IO.Path.Combine(folder, ModelCheckpoint.ConfigFile));
            return new BenchModel(System.IO.Path.GetFullPath(folder), $"{folder} ({config.Name})", config.Autoencoder.ImageSize, temporary: false);
        }

        ModelConfig preset = ModelConfig.LoadPreset(options.RandomPreset);
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emuedit-bench-model-" + Guid.NewGuid().ToString("N"));
        var generator = new ExampleGenerator();
        LabelledInstruction[] phrasings =
        [
            .. EditTasks.Trained.SelectMany(task => Enumerable.Range(0, PhrasingsPerTask)
                .Select(seed => new LabelledInstruction(generator.Generate(task, seed, Split.Train).Instruction, task))),
        ];
        RandomModelFolder.Write(path, preset.ToJson(), phrasings, BuiltInTasks.Names, WeightSeed, perturbScale: 0.05);
        return new BenchModel(path, $"randomly initialised '{options.RandomPreset}' preset", preset.Autoencoder.ImageSize, temporary: true);
    }

    public void Dispose()
    {
        if (_temporary && Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
