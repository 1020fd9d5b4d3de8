using EmuEdit.GarnetHost;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

public sealed class GarnetServerFixture : IServerFixture, IDisposable
{
    private readonly EmbeddedGarnetServer _server;
    private readonly ConnectionMultiplexer _connection;

    public GarnetServerFixture()
    {
        _server = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort.Next() });
        _connection = TestConnections.Connect(_server.ConnectionString);
    }

    public string Name => "garnet";

    public IConnectionMultiplexer Connection => _connection;

    public void Dispose()
    {
        _connection.Dispose();
        _server.Dispose();
    }
}
