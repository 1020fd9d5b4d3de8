using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>Row lookup: Gather(weight, ids) on axis 0; ids are int64 of any shape.</summary>
public sealed class EmbeddingEmitter : OnnxModuleEmitter<Embedding>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Embedding module, IReadOnlyList<OnnxValue> inputs) =>
        [context.Ops.Gather(context.Parameter(module, "weight"), EmitterInputs.Single(context, module, inputs), axis: 0)];
}
