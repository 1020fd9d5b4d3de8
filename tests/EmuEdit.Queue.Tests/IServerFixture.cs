using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

/// <summary>A running Redis-protocol server the queue tests share; each test isolates itself by key prefix.</summary>
public interface IServerFixture
{
    string Name { get; }
    IConnectionMultiplexer Connection { get; }
}
