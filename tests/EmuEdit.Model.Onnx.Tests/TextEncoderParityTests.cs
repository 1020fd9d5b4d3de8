using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

[Collection(ExportedModelCollection.Name)]
public class TextEncoderParityTests(ExportedModel model, ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void InstructionsEncodeAsInTorchSharp(int batch)
    {
        // Different lengths in one batch, so rows carry different amounts of padding.
        var instructions = ExportedModel.Instructions.Skip(1).Take(batch).ToArray();
        var onnx = model.TextEncoder.Encode(instructions);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var tokens = model.Tokenizer.EncodeBatch(instructions);
        var torch = model.TorchTextEncoder.forward(tokens.Ids, tokens.Mask);

        Assert.Equal(model.Tokenizer.EncodeAll(instructions).Mask, onnx.Mask);
        Assert.Equal((batch, model.Config.TextEncoder.ContextLength, model.Config.TextEncoder.Width), (onnx.Count, onnx.Length, onnx.Width));
        AssertClose("context", TestImages.Floats(torch.Context), onnx.Context, batch);
        AssertClose("pooled", TestImages.Floats(torch.Pooled), onnx.Pooled, batch);
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(3, 32)]
    [InlineData(3, 9)]
    public void RandomIdsWithPaddingEncodeAsInTorchSharp(int batch, int length)
    {
        length = Math.Min(length, model.Config.TextEncoder.ContextLength);
        var random = new Random(batch * 100 + length);
        var ids = new long[batch * length];
        var mask = new bool[batch * length];
        for (var b = 0; b < batch; b++)
        {
            // Row 0 uses every position; the others stop early, as padded instructions do.
            var real = b == 0 ? length : random.Next(1, length);
            for (var i = 0; i < length; i++)
            {
                mask[b * length + i] = i < real;
                ids[b * length + i] = i < real ? random.Next(SpecialTokens.Count, model.Tokenizer.VocabularySize) : SpecialTokens.Pad;
            }
        }
        var onnx = model.TextEncoder.Encode(new TokenizedBatch(ids, mask, batch, length));

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var torch = model.TorchTextEncoder.forward(tensor(ids, [batch, length]), tensor(mask, [batch, length]));
        AssertClose("context", TestImages.Floats(torch.Context), onnx.Context, batch);
        AssertClose("pooled", TestImages.Floats(torch.Pooled), onnx.Pooled, batch);
    }

    private void AssertClose(string name, float[] expected, float[] actual, int batch)
    {
        var difference = Differences.MaxAbs(expected, actual);
        output.WriteLine($"text encoder {name}, batch {batch}: max |TorchSharp - ONNX| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"{name}: max abs difference {difference} exceeds {Tolerance}");
    }
}
