using Aspire.Hosting.ApplicationModel;

namespace EmuEdit.AppHost;

/// <summary>
/// The Redis-protocol server as the services see it: a connection string named "redis", and the
/// resource to wait for before using it (none for an external server, which is up or not).
/// </summary>
public sealed record QueueServer(IResourceBuilder<IResourceWithConnectionString> Connection, IResourceBuilder<IResource>? Server, string Kind);
