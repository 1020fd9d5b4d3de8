namespace EmuEdit.Pipeline.Imaging;

/// <summary>
/// The edit request itself is unusable (an undecodable image, an unknown task, a parameter out of range):
/// retrying cannot help, so the worker fails such jobs without retry.
/// </summary>
public sealed class InvalidEditException(string message, Exception? inner = null) : Exception(message, inner);
