using System.Text.Json;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Cli.Tests;

/// <summary>
/// Stand-ins for CLIP and DINO exports, written with the project's ONNX exporter: an image tower
/// [1,3,8,8] -> [1,4], a text tower ids [1,L] -> token states [1,L,4], and a CLIP-style vocab.json and
/// merges.txt with single characters (plain and word-final), so any caption tokenizes.
/// </summary>
internal static class TinyEncoders
{
    private const int Width = 4;

    public static (string Image, string Text) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var image = Path.Combine(folder, "image.onnx");
        using (var tower = new ImageTower())
            OnnxExporter.Export(tower, [OnnxTensorSpec.Float("pixel_values", 1, 3, 8, 8)], [OnnxTensorSpec.Float("image_embeds", 1, Width)], image);

        var vocab = new Dictionary<string, int>();
        foreach (var c in "abcdefghijklmnopqrstuvwxyz0123456789,.'-:;!?()\"&/")
        {
            vocab[c.ToString()] = vocab.Count;
            vocab[c + "</w>"] = vocab.Count;
        }
        vocab["<|startoftext|>"] = vocab.Count;
        vocab["<|endoftext|>"] = vocab.Count;
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(vocab));
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n");
        var text = Path.Combine(folder, "text.onnx");
        using (var tower = new TextTower(vocab.Count))
            OnnxExporter.Export(tower, [OnnxTensorSpec.Int64("input_ids", 1, "L")], [OnnxTensorSpec.Float("last_hidden_state", 1, "L", Width)], text);
        return (image, text);
    }

    private sealed class ImageTower : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Conv2d conv;

        public ImageTower() : base(nameof(ImageTower))
        {
            conv = nn.Conv2d(3, Width, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var y = conv.forward(x);
            return y.mean([2, 3]);
        }

        public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs) =>
            [context.Ops.ReduceMean(context.EmitSingle(conv, inputs[0]), [2, 3], keepDims: false)];
    }

    private sealed class TextTower : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Embedding table;

        public TextTower(int vocabulary) : base(nameof(TextTower))
        {
            table = nn.Embedding(vocabulary, Width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor ids) => table.forward(ids);

        public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs) =>
            [context.EmitSingle(table, inputs[0])];
    }
}
