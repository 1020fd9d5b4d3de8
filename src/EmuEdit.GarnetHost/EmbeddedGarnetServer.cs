using System.Globalization;
using Garnet;
using Microsoft.Extensions.Logging;

namespace EmuEdit.GarnetHost;

/// <summary>
/// Microsoft.Garnet's server running in this process: a Redis-protocol endpoint for the queue where no
/// Redis container can run. Dispose stops it; disposing twice is harmless (Garnet itself must see one dispose).
/// </summary>
public sealed class EmbeddedGarnetServer : IDisposable
{
    // Garnet's native file device needs glibc 2.38, which Debian 12 lacks; the managed one works everywhere.
    private const string PortableDeviceType = "RandomAccess";

    private readonly GarnetServer _server;
    private readonly string? _temporaryLogDirectory;
    private int _disposed;

    private EmbeddedGarnetServer(GarnetServer server, EmbeddedGarnetOptions options, IReadOnlyList<string> arguments, string? temporaryLogDirectory)
    {
        _server = server;
        _temporaryLogDirectory = temporaryLogDirectory;
        Options = options;
        Arguments = arguments;
    }

    public EmbeddedGarnetOptions Options { get; }

    /// <summary>The garnet-server command line this server was started with, for logs.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>host:port for StackExchange.Redis.</summary>
    public string ConnectionString => $"{Options.BindAddress}:{Options.Port.ToString(CultureInfo.InvariantCulture)}";

    public static EmbeddedGarnetServer Start(EmbeddedGarnetOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? temporary = options.LogDirectory is null && options.CheckpointDirectory is null
            ? Path.Combine(Path.GetTempPath(), $"emuedit-garnet-{Guid.NewGuid():N}")
            : null;
        string[] arguments = BuildArguments(options, temporary);
        if (options.CheckpointDirectory is not null)
        {
            Directory.CreateDirectory(options.CheckpointDirectory);
        }
        Directory.CreateDirectory(LogDirectoryOf(options, temporary));
        var server = new GarnetServer(arguments, loggerFactory);
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            DeleteTemporary(temporary);
            throw;
        }
        return new EmbeddedGarnetServer(server, options, arguments, temporary);
    }

    /// <summary>The garnet-server command line for <paramref name="options"/>; <paramref name="temporaryLogDirectory"/> serves when neither directory is set.</summary>
    public static string[] BuildArguments(EmbeddedGarnetOptions options, string? temporaryLogDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string>
        {
            "--bind", options.BindAddress,
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--index", options.IndexSize,
            "-m", options.MemorySize,
            "--storage-tier", "--logdir", Path.GetFullPath(LogDirectoryOf(options, temporaryLogDirectory)),
            "--segment", options.SegmentSize,
            "--compaction-freq", options.CompactionFrequencySeconds.ToString(CultureInfo.InvariantCulture),
            "--compaction-type", "Lookup",
            "--compaction-max-segments", options.CompactionMaxSegments.ToString(CultureInfo.InvariantCulture),
            // Without it a compacted segment's file stays until the next checkpoint, which an in-memory server never takes.
            "--compaction-force-delete",
            "--device-type", PortableDeviceType,
        };
        if (options.PageSize is { } page)
        {
            arguments.AddRange(["--page", page]);
        }
        if (options.EnableLua)
        {
            arguments.Add("--lua");
        }
        if (options.CheckpointDirectory is { } directory)
        {
            arguments.AddRange(["--aof", "--checkpointdir", Path.GetFullPath(directory), "--recover"]);
        }
        return [.. arguments];
    }

    private static string LogDirectoryOf(EmbeddedGarnetOptions options, string? temporary) =>
        options.LogDirectory
        ?? (options.CheckpointDirectory is { } checkpoints ? Path.Combine(checkpoints, "log") : null)
        ?? temporary
        ?? throw new ArgumentException("Set Garnet:LogDirectory or Garnet:CheckpointDirectory, or pass a temporary log directory.", nameof(options));

    private static void DeleteTemporary(string? directory)
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _server.Dispose();
            DeleteTemporary(_temporaryLogDirectory);
        }
    }
}
