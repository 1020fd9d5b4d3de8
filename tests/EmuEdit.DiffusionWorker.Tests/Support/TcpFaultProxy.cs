using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of the queue server that a test can cut: <see cref="Break"/> drops every
/// open connection and refuses new ones (accepted, then closed at once) until <see cref="Restore"/>. The
/// client sees what a network partition or a restarting server shows it: resets and timeouts.
/// </summary>
public sealed class TcpFaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _broken;

    private TcpFaultProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>host:port of the relay, to use in place of the server's.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Relays to <paramref name="upstream"/> (host:port).</summary>
    public static TcpFaultProxy Start(string upstream) => new(IPEndPoint.Parse(upstream));

    public void Break()
    {
        _broken = true;
        foreach (var socket in _open.Keys) Close(socket);
    }

    public void Restore() => _broken = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            if (_broken)
            {
                client.Dispose();
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_upstream, _stop.Token);
            // Either direction ending (a cut, a close) ends both, as a broken link would.
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private void Close(Socket socket)
    {
        if (!_open.TryRemove(socket, out _)) return;
        // Linger 0 sends a reset, so the peer learns at once rather than at its next write.
        try { socket.LingerState = new LingerOption(true, 0); } catch (Exception error) when (error is SocketException or ObjectDisposedException) { }
        socket.Dispose();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var socket in _open.Keys) Close(socket);
        _stop.Dispose();
    }
}
