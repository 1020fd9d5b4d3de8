using System.Net;
using System.Net.Sockets;
using EmuEdit.GarnetHost;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Tests;

/// <summary>An embedded Garnet server on a free loopback port and a connection to it: a real queue in process.</summary>
public sealed class EmbeddedQueueServer : IAsyncDisposable
{
    private readonly EmbeddedGarnetServer _garnet;

    private EmbeddedQueueServer(EmbeddedGarnetServer garnet, ConnectionMultiplexer connection)
    {
        _garnet = garnet;
        Connection = connection;
    }

    public ConnectionMultiplexer Connection { get; }

    public static async Task<EmbeddedQueueServer> StartAsync()
    {
        var garnet = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort() });
        try
        {
            return new EmbeddedQueueServer(garnet, await ConnectionMultiplexer.ConnectAsync(garnet.ConnectionString));
        }
        catch
        {
            garnet.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _garnet.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
