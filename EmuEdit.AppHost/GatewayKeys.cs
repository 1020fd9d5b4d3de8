using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EmuEdit.AppHost;

/// <summary>
/// The gateway's two API keys as Aspire parameters: a client key (editing) and an admin key (registering and
/// deleting tasks). Unless configured (Parameters:gateway-client-key, Parameters:gateway-admin-key) each is
/// generated on the first run and kept in the AppHost's user secrets, so local clients keep working across runs.
/// </summary>
public sealed record GatewayKeys(IResourceBuilder<ParameterResource> Client, IResourceBuilder<ParameterResource> Admin)
{
    public const string ClientParameter = "gateway-client-key";
    public const string AdminParameter = "gateway-admin-key";

    /// <summary>Long enough to be unguessable, and without special characters so it pastes into a shell or a header unquoted.</summary>
    private const int GeneratedLength = 32;

    private static GenerateParameterDefault Generated() => new() { MinLength = GeneratedLength, Special = false };

    public static GatewayKeys Add(IDistributedApplicationBuilder builder) => new(
        builder.AddParameter(ClientParameter, Generated(), secret: true, persist: true).WithDescription("API key for editing (clients)."),
        builder.AddParameter(AdminParameter, Generated(), secret: true, persist: true).WithDescription("API key for registering and deleting tasks (admins)."));
}

public static class GatewayKeysExtensions
{
    public static GatewayKeys AddGatewayKeys(this IDistributedApplicationBuilder builder) => GatewayKeys.Add(builder);

    /// <summary>The keys reach the gateway as Access:ClientKeys:0 and Access:AdminKeys:0 (environment variables, never files).</summary>
    public static IResourceBuilder<ProjectResource> WithGatewayKeys(this IResourceBuilder<ProjectResource> gateway, GatewayKeys keys) =>
        gateway.WithEnvironment("Access__ClientKeys__0", keys.Client).WithEnvironment("Access__AdminKeys__0", keys.Admin);
}
