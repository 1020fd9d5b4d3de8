namespace EmuEdit.AppHost;

/// <summary>How the Redis-protocol server is provided (section "QueueServer"). ConnectionStrings:redis, when set, wins: an external server.</summary>
public sealed class QueueServerOptions
{
    public const string SectionName = "QueueServer";

    public QueueServerMode Mode { get; set; } = QueueServerMode.Auto;

    /// <summary>How long the container runtime may take to answer before it counts as absent.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Garnet's checkpoint folder (persistence); default: .runs/garnet in the repository.</summary>
    public string? DataDirectory { get; set; }
}

public enum QueueServerMode
{
    /// <summary>A Redis container when a container runtime answers, otherwise embedded Garnet.</summary>
    Auto,
    Container,
    Garnet,
}
