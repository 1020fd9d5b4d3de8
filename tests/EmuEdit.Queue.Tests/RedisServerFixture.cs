using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

/// <summary>A real redis-server process on a free loopback port, with persistence off.</summary>
public sealed class RedisServerFixture : IServerFixture, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private readonly Process _process;
    private readonly ConnectionMultiplexer _connection;

    public RedisServerFixture()
    {
        string executable = FindRedisServer();
        int port = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Drained so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _connection = ConnectWhenReady($"127.0.0.1:{port}");
    }

    public string Name => "redis";

    public IConnectionMultiplexer Connection => _connection;

    private ConnectionMultiplexer ConnectWhenReady(string endpoint)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return ConnectionMultiplexer.Connect(endpoint);
            }
            catch (RedisConnectionException) when (waited.Elapsed < StartTimeout && !_process.HasExited)
            {
                Thread.Sleep(RetryPause);
            }
        }
    }

    private static string FindRedisServer()
    {
        IEnumerable<string> candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"])
            .Select(directory => Path.Combine(directory, "redis-server"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server was not found on PATH, /usr/bin, /usr/sbin or /usr/local/bin. The queue tests run against a real Redis too: "
                + "install it (Debian: apt-get install redis-server; ./test.sh does this) and run the tests again.");
    }

    public void Dispose()
    {
        _connection.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
