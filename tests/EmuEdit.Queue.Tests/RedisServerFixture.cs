using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

/// <summary>A real redis-server process on a free loopback port, with persistence off.</summary>
public sealed class RedisServerFixture : IServerFixture, IDisposable
{
    // Generous: the test machine may be shared and loaded.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private const int PortAttempts = 3;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private readonly ConnectionMultiplexer _connection;

    public RedisServerFixture()
    {
        string executable = FindRedisServer();
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort.Next();
            _process = Start(executable, port);
            if (WaitUntilListening(port))
            {
                _connection = TestConnections.Connect($"127.0.0.1:{port}");
                return;
            }
            // Most likely another process took the port between our probe and the server's bind.
            StopProcess();
            if (attempt == PortAttempts)
            {
                throw new InvalidOperationException(
                    $"redis-server ({executable}) did not start listening on 127.0.0.1 within {StartTimeout.TotalSeconds} s. Its output:\n"
                    + string.Join('\n', _output));
            }
        }
    }

    public string Name => "redis";

    public IConnectionMultiplexer Connection => _connection;

    private Process Start(string executable, int port)
    {
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
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Kept for the error message, and drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) _output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private bool WaitUntilListening(int port)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(RetryPause);
            }
        }
        return false;
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

    private void StopProcess()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    public void Dispose()
    {
        _connection.Dispose();
        StopProcess();
    }
}
