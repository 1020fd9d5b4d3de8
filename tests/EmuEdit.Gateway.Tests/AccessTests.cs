using EmuEdit.Gateway.Access;
using EmuEdit.Gateway.Hosting;
using Grpc.Core;

namespace EmuEdit.Gateway.Tests;

public sealed class AccessTests
{
    private const string ClientKey = "client-key-0123456789";
    private const string AdminKey = "admin-key-0123456789ab";

    private static readonly AccessPolicy Policy = new(new AccessOptions { ClientKeys = [ClientKey], AdminKeys = [AdminKey] });

    private static StatusCode Refusal(string? credential, AccessRole required) =>
        Assert.Throws<RpcException>(() => Policy.Authorize(credential, required)).StatusCode;

    [Fact]
    public void A_missing_or_unknown_credential_is_unauthenticated()
    {
        Assert.Equal(StatusCode.Unauthenticated, Refusal(null, AccessRole.Client));
        Assert.Equal(StatusCode.Unauthenticated, Refusal("", AccessRole.Client));
        Assert.Equal(StatusCode.Unauthenticated, Refusal("guess-0123456789abcdef", AccessRole.Client));
        Assert.Equal(StatusCode.Unauthenticated, Refusal(ClientKey + "x", AccessRole.Admin));
    }

    [Fact]
    public void A_client_key_may_edit_but_not_change_tasks()
    {
        Assert.Equal(AccessRole.Client, Policy.Authorize(ClientKey, AccessRole.Client));
        Assert.Equal(StatusCode.PermissionDenied, Refusal(ClientKey, AccessRole.Admin));
    }

    [Fact]
    public void An_admin_key_may_do_both()
    {
        Assert.Equal(AccessRole.Admin, Policy.Authorize(AdminKey, AccessRole.Admin));
        Assert.Equal(AccessRole.Admin, Policy.Authorize(AdminKey, AccessRole.Client));
    }

    [Fact]
    public void With_access_off_every_call_passes()
    {
        var open = new AccessPolicy(new AccessOptions { Enabled = false });
        Assert.Equal(AccessRole.Admin, open.Authorize(null, AccessRole.Admin));
    }

    [Theory]
    [InlineData("authorization", "Bearer " + ClientKey, ClientKey)]
    [InlineData("authorization", "bearer   " + ClientKey + " ", ClientKey)]
    [InlineData("authorization", "Basic dXNlcjpwYXNz", null)]
    [InlineData("authorization", "Bearer", null)]
    [InlineData("x-api-key", " " + AdminKey, AdminKey)]
    [InlineData("x-other", AdminKey, null)]
    public void The_credential_is_read_from_a_bearer_token_or_an_api_key_header(string header, string value, string? expected) =>
        Assert.Equal(expected, CredentialReader.Read(new Metadata { { header, value } }));

    [Fact]
    public async Task The_interceptor_refuses_before_the_service_runs()
    {
        var interceptor = new AccessInterceptor(Policy, AccessRole.Admin);
        bool ran = false;
        Task<string> Service(string request, ServerCallContext context)
        {
            ran = true;
            return Task.FromResult(request);
        }

        var client = new FakeCallContext("/emuedit.v1.TaskService/RegisterTask");
        client.RequestHeaders.Add("authorization", "Bearer " + ClientKey);
        RpcException denied = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>("r", client, Service));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.False(ran);

        var admin = new FakeCallContext("/emuedit.v1.TaskService/RegisterTask");
        admin.RequestHeaders.Add("x-api-key", AdminKey);
        Assert.Equal("r", await interceptor.UnaryServerHandler<string, string>("r", admin, Service));
        Assert.True(ran);
    }

    [Fact]
    public async Task An_admitted_call_learns_its_caller_and_every_key_is_a_caller_of_its_own()
    {
        var interceptor = new AccessInterceptor(Policy, AccessRole.Client);
        async Task<string> CallerOf(string key)
        {
            var context = new FakeCallContext("/emuedit.v1.EditingService/SubmitEdit");
            context.RequestHeaders.Add("x-api-key", key);
            return await interceptor.UnaryServerHandler<string, string>("r", context, (_, admitted) => Task.FromResult(CallerScope.Of(admitted)));
        }

        string client = await CallerOf(ClientKey), admin = await CallerOf(AdminKey);
        Assert.NotEqual(client, admin);
        Assert.Equal(client, await CallerOf(ClientKey));
        Assert.DoesNotContain(ClientKey, client, StringComparison.Ordinal);
        Assert.Equal(CallerScope.Open, new AccessPolicy(new AccessOptions { Enabled = false }).Admit(ClientKey, AccessRole.Client).Caller);
    }

    [Theory]
    [InlineData(new string[0], new string[0], "no API keys")]
    [InlineData(new[] { "short" }, new string[0], "Access:ClientKeys:0 must be at least 16")]
    [InlineData(new[] { ClientKey }, new[] { "has a space in it!!" }, "Access:AdminKeys:0")]
    public void Keys_that_cannot_guard_the_gateway_stop_its_start(string[] clients, string[] admins, string reason)
    {
        var options = new AccessOptions { ClientKeys = [.. clients], AdminKeys = [.. admins] };
        GatewayConfigurationException error = Assert.Throws<GatewayConfigurationException>(options.Validate);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
