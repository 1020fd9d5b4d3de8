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
    private int _disposed;

    private EmbeddedGarnetServer(GarnetServer server, EmbeddedGarnetOptions options, IReadOnlyList<string> arguments)
    {
        _server = server;
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
        string[] arguments = BuildArguments(options);
        if (options.CheckpointDirectory is not null)
        {
            Directory.CreateDirectory(options.CheckpointDirectory);
        }
        var server = new GarnetServer(arguments, loggerFactory);
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return new EmbeddedGarnetServer(server, options, arguments);
    }

    public static string[] BuildArguments(EmbeddedGarnetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string>
        {
            "--bind", options.BindAddress,
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--index", options.IndexSize,
            "-m", options.MemorySize,
        };
        if (options.EnableLua)
        {
            arguments.Add("--lua");
        }
        if (options.CheckpointDirectory is { } directory)
        {
            arguments.AddRange(["--aof", "--checkpointdir", Path.GetFullPath(directory), "--recover", "--device-type", PortableDeviceType]);
        }
        return [.. arguments];
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _server.Dispose();
        }
    }
}
