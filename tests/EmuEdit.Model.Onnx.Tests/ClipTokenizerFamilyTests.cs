using System.Globalization;
using System.Text.Json;
using EmuEdit.Inference;
using EmuEdit.Onnx.Protos;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Tokenization;
using Google.Protobuf;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>
/// A text encoder whose metadata declares the CLIP tokenizer opens from its file alone, with the
/// vocab.json and merges.txt beside it: how a user's CLIP text tower is served (docs/onnx.md).
/// </summary>
[Collection(ExportedModelCollection.Name)]
public class ClipTokenizerFamilyTests(ExportedModel model)
{
    // Ids well inside the exported encoder's vocabulary, so its embedding table can look them up.
    private const int FirstId = 3;

    private static Dictionary<string, int> Vocabulary()
    {
        var vocab = new Dictionary<string, int>();
        foreach (var c in "abc")
        {
            vocab[c.ToString()] = FirstId + vocab.Count;
            vocab[c + "</w>"] = FirstId + vocab.Count;
        }
        vocab["<|startoftext|>"] = FirstId + vocab.Count;
        vocab["<|endoftext|>"] = FirstId + vocab.Count;
        return vocab;
    }

    /// <summary>The exported text encoder with its tokenizer metadata replaced, in a folder of its own.</summary>
    private string ClipEncoder(string name, bool withTokenizerFiles, params (string Key, string Value)[] metadata)
    {
        var folder = Path.Combine(model.GraphFolder, name);
        Directory.CreateDirectory(folder);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(model.Export.TextEncoderPath));
        // The default export's own tokenizer settings go; a CLIP export brings its own.
        string[] defaults = [OnnxMetadataKeys.Tokenizer, OnnxMetadataKeys.TokenizerVocabulary, OnnxMetadataKeys.PadTokenId,
            OnnxMetadataKeys.BosTokenId, OnnxMetadataKeys.EosTokenId, OnnxMetadataKeys.MaxTokens];
        var replaced = metadata.Select(m => m.Key).Concat(defaults).ToHashSet();
        var kept = proto.MetadataProps.Where(p => !replaced.Contains(p.Key)).ToList();
        proto.MetadataProps.Clear();
        proto.MetadataProps.Add(kept);
        proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxMetadataKeys.Tokenizer, Value = OnnxTokenizerFamilies.Clip });
        foreach (var (key, value) in metadata) proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        var path = Path.Combine(folder, "text_encoder.onnx");
        File.WriteAllBytes(path, proto.ToByteArray());
        if (withTokenizerFiles)
        {
            File.WriteAllText(Path.Combine(folder, ClipBpeTokenizer.VocabularyFile), JsonSerializer.Serialize(Vocabulary()));
            File.WriteAllText(Path.Combine(folder, ClipBpeTokenizer.MergesFile), "#version: 0.2\n");
        }
        return path;
    }

    private string Length => model.Config.TextEncoder.ContextLength.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void AClipEncoderOpensFromItsMetadataAndTokenizesAsClipDoes()
    {
        var path = ClipEncoder("clip", withTokenizerFiles: true, (OnnxMetadataKeys.MaxTokens, Length));
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());

        var encoder = OnnxTextEncoder.Open(catalog.Get(path));

        var tokenizer = Assert.IsType<ClipInstructionTokenizer>(encoder.Tokenizer);
        var vocab = Vocabulary();
        var tokens = tokenizer.Encode("AB  c");
        long start = vocab["<|startoftext|>"], end = vocab["<|endoftext|>"];
        long[] expected = [start, vocab["a"], vocab["b</w>"], vocab["c</w>"], end];
        Assert.Equal(expected, tokens.Ids.Take(expected.Length));
        Assert.All(tokens.Ids.Skip(expected.Length), id => Assert.Equal(end, id)); // CLIP pads with its end token
        Assert.Equal(Enumerable.Range(0, tokens.Mask.Length).Select(i => i < expected.Length), tokens.Mask);

        var output = encoder.Encode(["abc", "a b"]);
        Assert.Equal((2, model.Config.TextEncoder.ContextLength), (output.Count, output.Length));
        Assert.All(output.Pooled, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ThePadTokenComesFromTheMetadataWhenGiven()
    {
        var path = ClipEncoder("clip-pad", withTokenizerFiles: true, (OnnxMetadataKeys.MaxTokens, Length), (OnnxMetadataKeys.PadTokenId, "1"));
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());

        var tokens = OnnxTextEncoder.Open(catalog.Get(path)).Tokenizer.Encode("a");

        Assert.Equal(1, tokens.Ids[^1]);
    }

    [Fact]
    public void AClipEncoderWithoutItsTokenizerFilesSaysWhichFileIsMissing()
    {
        var path = ClipEncoder("clip-bare", withTokenizerFiles: false, (OnnxMetadataKeys.MaxTokens, Length));
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());

        var error = Assert.Throws<FileNotFoundException>(() => OnnxTextEncoder.Open(catalog.Get(path)));
        Assert.Contains(ClipBpeTokenizer.VocabularyFile, error.Message);
    }
}
