using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Checkpoints;

/// <summary>
/// A model on disk is one folder: config.json, vocab.json, tasks.json and one safetensors file per
/// component (so the autoencoder or text-encoder services load only their own weights). Loading rebuilds
/// the model from config.json and checks every tensor against it.
/// </summary>
public static class ModelCheckpoint
{
    public const string ConfigFile = "config.json";
    public const string VocabularyFile = "vocab.json";
    public const string TasksFile = "tasks.json";
    public const string AutoencoderWeights = "autoencoder.safetensors";
    public const string TextEncoderWeights = "text_encoder.safetensors";
    public const string UNetWeights = "unet.safetensors";
    public const string TaskTableWeights = "tasks.safetensors";

    /// <summary>Writes the whole model into <paramref name="folder"/> (created if needed; its files are overwritten).</summary>
    /// <param name="autoencoder">
    /// Written in place of the model's own autoencoder, its architecture into config.json: a decoder
    /// fine-tune, possibly grown. The caller checks that it has the model's latent space
    /// (<see cref="Autoencoder.HasSameLatentSpace"/>).
    /// </param>
    public static void Save(EmuEditModel model, string folder, WeightStorage storage = WeightStorage.Float32, Autoencoder? autoencoder = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        autoencoder ??= model.Autoencoder;
        if (!autoencoder.Options.HasSameEncoder(model.Config.Autoencoder))
            throw new ArgumentException("The autoencoder's encoder differs from the model's.", nameof(autoencoder));
        Directory.CreateDirectory(folder);
        (model.Config with { Autoencoder = autoencoder.Options }).Save(Path.Combine(folder, ConfigFile));
        model.Tokenizer.Save(Path.Combine(folder, VocabularyFile));
        TaskNamesFile.Save(Path.Combine(folder, TasksFile), model.TaskNames);
        SafetensorsWeights.Save(autoencoder, Path.Combine(folder, AutoencoderWeights), storage);
        SafetensorsWeights.Save(model.Instructions.Module, Path.Combine(folder, TextEncoderWeights), storage);
        SafetensorsWeights.Save(model.UNet, Path.Combine(folder, UNetWeights), storage);
        SafetensorsWeights.Save(model.Tasks, Path.Combine(folder, TaskTableWeights), storage);
    }

    /// <summary>Builds the model that <paramref name="folder"/> describes and loads its weights (float32, on the CPU).</summary>
    public static EmuEditModel Load(string folder)
    {
        var config = LoadConfig(folder);
        var model = new EmuEditModel(config, LoadTokenizer(folder, config), TaskNamesFile.Load(Required(folder, TasksFile)), folder);
        try
        {
            SafetensorsWeights.Load(model.Autoencoder, Required(folder, AutoencoderWeights));
            SafetensorsWeights.Load(model.Instructions.Module, Required(folder, TextEncoderWeights));
            SafetensorsWeights.Load(model.UNet, Required(folder, UNetWeights));
            SafetensorsWeights.Load(model.Tasks, Required(folder, TaskTableWeights));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    public static ModelConfig LoadConfig(string folder) => ModelConfig.Load(Required(folder, ConfigFile));

    public static InstructionTokenizer LoadTokenizer(string folder, ModelConfig config) =>
        InstructionTokenizer.Load(Required(folder, VocabularyFile), config.TextEncoder.ContextLength);

    public static IReadOnlyList<string> LoadTaskNames(string folder) => TaskNamesFile.Load(Required(folder, TasksFile));

    /// <summary>Only the autoencoder, for hosts that encode and decode images.</summary>
    public static Autoencoder LoadAutoencoder(string folder)
    {
        var autoencoder = new Autoencoder(LoadConfig(folder).Autoencoder);
        return LoadInto(autoencoder, Required(folder, AutoencoderWeights));
    }

    /// <summary>Only the text encoder, for hosts that encode instructions (pair it with <see cref="LoadTokenizer"/>).</summary>
    /// <exception cref="NotSupportedException">The model's text encoder is pretrained: use <see cref="LoadInstructionEncoder"/>.</exception>
    public static TextEncoder LoadTextEncoder(string folder)
    {
        var options = LoadConfig(folder).TextEncoder;
        if (options.Pretrained is not null)
            throw new NotSupportedException(
                $"{folder} has a pretrained text encoder ('{options.Pretrained}' with a trained head), not the small transformer; load it with {nameof(LoadInstructionEncoder)}.");
        return LoadInto(new TextEncoder(options), Required(folder, TextEncoderWeights));
    }

    /// <summary>Only the instruction path (tokenizer or frozen encoder, and the trained text module), for hosts that encode instructions.</summary>
    public static InstructionEncoder LoadInstructionEncoder(string folder)
    {
        var config = LoadConfig(folder);
        var encoder = InstructionEncoder.Create(config.TextEncoder, LoadTokenizer(folder, config), folder);
        try
        {
            SafetensorsWeights.Load(encoder.Module, Required(folder, TextEncoderWeights));
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private static T LoadInto<T>(T module, string path) where T : nn.Module
    {
        try
        {
            SafetensorsWeights.Load(module, path);
            return module;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    private static string Required(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint folder {folder} has no {file}.", path);
        return path;
    }
}
