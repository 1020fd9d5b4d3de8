namespace EmuEdit.Onnx.Export;

/// <summary>A module has neither an <see cref="IOnnxExportable"/> implementation nor a registered emitter.</summary>
public sealed class UnsupportedModuleException(string modulePath, Type moduleType)
    : OnnxExportException(
        $"Cannot export module '{(modulePath.Length == 0 ? "<root>" : modulePath)}' of type {moduleType.FullName}: " +
        $"it does not implement {nameof(IOnnxExportable)} and no emitter is registered for it " +
        $"(see {nameof(OnnxEmitterRegistry)}.{nameof(OnnxEmitterRegistry.Register)}).")
{
    public string ModulePath { get; } = modulePath;

    public Type ModuleType { get; } = moduleType;
}
