namespace EmuEdit.Onnx.Export;

/// <summary>The module tree cannot be written as ONNX; the message names the module path and type.</summary>
public class OnnxExportException(string message, Exception? inner = null) : Exception(message, inner);

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
