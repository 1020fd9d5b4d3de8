using EmuEdit.Gateway.Hosting;

namespace EmuEdit.Gateway.Access;

/// <summary>
/// Who may call the gateway, section <see cref="SectionName"/> (docs/api.md, "Access"): API keys for clients
/// (editing) and for admins (registering and deleting tasks), each sent as <c>authorization: Bearer KEY</c>
/// or <c>x-api-key: KEY</c>. Keys are secrets: pass them through the environment or a secret store, never
/// a committed file.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>False lets every call through with admin rights: only for a gateway no one else can reach.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Keys that may edit (Access__ClientKeys__0, __1, ...).</summary>
    public List<string> ClientKeys { get; set; } = [];

    /// <summary>Keys that may also register and delete tasks (Access__AdminKeys__0, ...).</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>Shortest key accepted in configuration, so a placeholder such as "changeme" cannot guard a gateway.</summary>
    public int MinKeyLength { get; set; } = 16;

    /// <summary>Throws <see cref="GatewayConfigurationException"/> naming the setting when access cannot work as configured.</summary>
    public void Validate()
    {
        if (!Enabled) return;
        if (ClientKeys.Count == 0 && AdminKeys.Count == 0)
            throw new GatewayConfigurationException(
                $"no API keys: set {SectionName}__ClientKeys__0 and {SectionName}__AdminKeys__0 (at least {MinKeyLength} characters each), or {SectionName}__Enabled=false on a network only trusted callers reach. The AppHost generates both (docs/api.md, \"Access\").");
        foreach (var (key, setting) in ClientKeys.Select((k, i) => (k, $"{SectionName}:ClientKeys:{i}")).Concat(AdminKeys.Select((k, i) => (k, $"{SectionName}:AdminKeys:{i}"))))
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength || key.Any(char.IsWhiteSpace))
                throw new GatewayConfigurationException($"{setting} must be at least {MinKeyLength} characters without spaces.");
        }
    }
}
