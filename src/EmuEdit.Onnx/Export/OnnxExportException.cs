namespace EmuEdit.Onnx.Export;

/// <summary>The module tree cannot be written as ONNX; the message names the module path and type.</summary>
public class OnnxExportException(string message, Exception? inner = null) : Exception(message, inner);
