namespace EmuEdit.Pipeline.Inversion;

/// <summary>An example cannot be learned from (an undecodable image, output and input of different sizes): retrying is pointless.</summary>
public sealed class InvalidExampleException(string message, Exception? inner = null) : Exception(message, inner);
