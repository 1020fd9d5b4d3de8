namespace EmuEdit.Gateway.Hosting;

/// <summary>A setting the gateway cannot start with; the message names the setting and what to do.</summary>
public sealed class GatewayConfigurationException(string message) : Exception(message);
