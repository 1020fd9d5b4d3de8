namespace EmuEdit.GarnetHost;

/// <summary>The embedded server's settings; bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class EmbeddedGarnetOptions
{
    public const string SectionName = "Garnet";

    /// <summary>Loopback by default: the server has no authentication.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = DefaultPort;

    public const int DefaultPort = 6379;

    /// <summary>
    /// Where the append-only log and checkpoints live. Null keeps everything in memory; set, the
    /// server logs every write and recovers from this directory when it starts.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Hash index size (garnet's --index). Small by default: this serves a queue, not a cache.</summary>
    public string IndexSize { get; set; } = "1m";

    /// <summary>Log memory size (garnet's -m).</summary>
    public string MemorySize { get; set; } = "64m";

    /// <summary>Lua scripting (EVAL), which Redis has on by default and Garnet off.</summary>
    public bool EnableLua { get; set; } = true;
}
