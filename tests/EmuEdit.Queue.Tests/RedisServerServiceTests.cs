using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

/// <summary>services/EmuEdit.RedisServer run as the AppHost runs it: a process configured by arguments, stopped by SIGTERM.</summary>
public sealed class RedisServerServiceTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<Process> _started = [];
    private readonly string _checkpointDirectory = Path.Combine(Path.GetTempPath(), $"emuedit-redisserver-{Guid.NewGuid():N}");

    [Fact]
    public async Task Serves_redis_clients_and_keeps_data_across_a_graceful_restart()
    {
        int port = FreePort.Next();
        Process first = StartService(port);
        using (ConnectionMultiplexer connection = TestConnections.Connect($"127.0.0.1:{port}"))
        {
            await connection.GetDatabase().ListLeftPushAsync("emuedit:queue:ready", "job-1");
        }
        await StopGracefullyAsync(first);

        Process second = StartService(port);
        using (ConnectionMultiplexer again = TestConnections.Connect($"127.0.0.1:{port}"))
        {
            Assert.Equal("job-1", (string?)await again.GetDatabase().ListRightPopAsync("emuedit:queue:ready"));
        }
        await StopGracefullyAsync(second);
    }

    private Process StartService(int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "EmuEdit.RedisServer.dll"),
            $"--Garnet:Port={port.ToString(CultureInfo.InvariantCulture)}",
            $"--Garnet:CheckpointDirectory={_checkpointDirectory}",
        })
        {
            start.ArgumentList.Add(argument);
        }
        Process process = Process.Start(start)!;
        _started.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Stopwatch waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"EmuEdit.RedisServer exited with {(process.HasExited ? process.ExitCode : 0)} before listening.");
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", port);
                return process;
            }
            catch (SocketException) when (waited.Elapsed < Patience)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static async Task StopGracefullyAsync(Process process)
    {
        // SIGTERM, what Kubernetes and the AppHost send; the host then disposes Garnet cleanly.
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }
        await process.WaitForExitAsync(new CancellationTokenSource(Patience).Token);
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose()
    {
        foreach (Process process in _started)
        {
            // Only if the test failed half-way: never leave a server of ours running.
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
            process.Dispose();
        }
        if (Directory.Exists(_checkpointDirectory))
        {
            Directory.Delete(_checkpointDirectory, recursive: true);
        }
    }
}
