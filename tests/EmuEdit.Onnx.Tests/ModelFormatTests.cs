using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Protos;
using EmuEdit.Onnx.Tests.TestModules;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests;

/// <summary>What the exporter writes into the file, read back with the same messages.</summary>
public sealed class ModelFormatTests : OnnxTestBase
{
    [Fact]
    public void Zero_valued_attributes_survive_serialisation()
    {
        // The proto3 trap: a default-valued scalar would be dropped and Softmax(axis=0) would become axis=-1.
        var attribute = OnnxAttribute.Int("axis", 0);

        var parsed = AttributeProto.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(attribute));

        Assert.True(parsed.HasI);
        Assert.Equal(0, parsed.I);
        Assert.Equal(AttributeProto.Types.AttributeType.Int, parsed.Type);
    }

    [Fact]
    public void Header_inputs_and_initializers_follow_the_contract()
    {
        var net = TestNetworks.Mlp();
        var options = new OnnxExportOptions
        {
            Model = new OnnxModelInfo { ProducerVersion = "1.2.3", Metadata = new Dictionary<string, string> { ["tokenizer"] = "gpt2" } },
        };
        var path = Export(net, [OnnxTensorSpec.Float("x", "batch", "tokens", 16)], [OnnxTensorSpec.Float("y", "batch", "tokens", 8)], options);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

        Assert.Equal(OnnxModelInfo.DefaultIrVersion, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(21, opset.Version);
        Assert.Equal("EmuEdit.Onnx", model.ProducerName);
        Assert.Equal("1.2.3", model.ProducerVersion);
        Assert.Contains(model.MetadataProps, p => p.Key == "tokenizer" && p.Value == "gpt2");

        var dims = model.Graph.Input.Single().Type.TensorType.Shape.Dim;
        Assert.Equal("batch", dims[0].DimParam);
        Assert.Equal(16, dims[2].DimValue);
        Assert.Equal("y", model.Graph.Output.Single().Name);

        // Initializers are exactly the state_dict, same names, same layout (Linear stays [out, in]).
        var stateDict = net.state_dict();
        Assert.Equal(stateDict.Keys.Order(), model.Graph.Initializer.Select(i => i.Name).Order());
        var fc1 = model.Graph.Initializer.Single(i => i.Name == "fc1.weight");
        Assert.Equal([32L, 16L], fc1.Dims);
        Assert.Equal(32 * 16 * sizeof(float), fc1.RawData.Length);
        Assert.Equal(Floats(stateDict["fc1.weight"]), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(fc1.RawData.Span).ToArray());
    }

    [Fact]
    public void Value_and_node_names_are_unique_and_scoped_by_module_path()
    {
        var model = OnnxExporter.Export(TestNetworks.ConvBlock(),
            [OnnxTensorSpec.Float("image", "batch", 3, 8, 8)], [OnnxTensorSpec.Float("features", "batch", 4, 8, 8)]);

        var outputs = model.Graph.Node.SelectMany(n => n.Output).ToList();
        Assert.Equal(outputs.Count, outputs.Distinct().Count());
        Assert.Equal(model.Graph.Node.Count, model.Graph.Node.Select(n => n.Name).Distinct().Count());
        Assert.Contains(model.Graph.Node, n => n.Name == "conv_in/Conv");
        Assert.Contains(model.Graph.Node, n => n.Name == "up/Resize");
    }
}
