namespace EmuEdit.Inversion;

/// <summary>A registration that cannot succeed however often it runs (bad examples, a built-in name, a malformed job): failed at once, not retried.</summary>
public sealed class InvalidRegistrationException(string message, Exception? inner = null) : Exception(message, inner);
