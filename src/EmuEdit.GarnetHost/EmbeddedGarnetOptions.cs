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

    /// <summary>
    /// Log memory size (garnet's -m). Records that no longer fit go to <see cref="LogDirectory"/> on disk: without a
    /// storage tier Garnet runs as a cache and silently drops them (measured: after ~400 MB of writes with 64m, keys
    /// written first were gone), which would lose queued jobs, sessions and registered tasks.
    /// </summary>
    public string MemorySize { get; set; } = "64m";

    /// <summary>
    /// Where records beyond <see cref="MemorySize"/> are kept (garnet's --storage-tier --logdir). Null: a "log"
    /// folder inside <see cref="CheckpointDirectory"/> when that is set, else a temporary folder removed on dispose.
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>Size of a log page in memory (garnet's --page); null = Garnet's default (32m). Must be below <see cref="MemorySize"/>.</summary>
    public string? PageSize { get; set; }

    /// <summary>Size of each on-disk log segment (garnet's --segment); compaction works a segment at a time.</summary>
    public string SegmentSize { get; set; } = "32m";

    /// <summary>Seconds between compactions of the on-disk log (garnet's --compaction-freq), which reclaim superseded and expired records.</summary>
    public int CompactionFrequencySeconds { get; set; } = 60;

    /// <summary>On-disk segments kept before the oldest are compacted (garnet's --compaction-max-segments).</summary>
    public int CompactionMaxSegments { get; set; } = 8;

    /// <summary>Lua scripting (EVAL), which Redis has on by default and Garnet off.</summary>
    public bool EnableLua { get; set; } = true;
}
