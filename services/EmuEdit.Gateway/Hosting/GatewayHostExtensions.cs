using EmuEdit.Gateway.Access;
using EmuEdit.Gateway.Autoscaling;
using EmuEdit.Gateway.Editing;
using EmuEdit.Gateway.Sessions;
using EmuEdit.Gateway.Tasks;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EmuEdit.Gateway.Hosting;

public static class GatewayHostExtensions
{
    /// <summary>Name of the Redis-protocol server's connection string (ConnectionStrings__redis), as the AppHost provides it.</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Options, the queue, and the classes behind each RPC; limits apply to the gRPC server itself too.
    /// Throws <see cref="GatewayConfigurationException"/> at once when the model folder cannot be used.
    /// </summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var model = builder.Configuration.GetSection(ModelFolderOptions.SectionName).Get<ModelFolderOptions>() ?? new ModelFolderOptions();
        model.Validate();
        // Checked here, not at the first call: a gateway without usable keys must not start at all.
        var access = builder.Configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>() ?? new AccessOptions();
        access.Validate();
        var registration = builder.Configuration.GetSection(RegistrationOptions.SectionName).Get<RegistrationOptions>() ?? new RegistrationOptions();
        registration.Validate();
        builder.Services.AddSingleton(access);
        builder.Services.AddSingleton<AccessPolicy>();
        builder.Services.AddSingleton(registration);
        // Validated below, once, before the sampler defaults are checked against its limits.
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName));
        builder.Services.AddOptions<ModelFolderOptions>()
            .Bind(builder.Configuration.GetSection(ModelFolderOptions.SectionName))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value);

        // An oversized message is refused by the gRPC layer before it is buffered: RESOURCE_EXHAUSTED.
        var limits = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        // Resolved now, so a model whose settings fall outside the request ranges stops the start; the
        // limits are checked first, so a bad limit is not blamed on the model.
        try
        {
            limits.Validate();
        }
        catch (ArgumentException e)
        {
            throw new GatewayConfigurationException(e.Message);
        }
        builder.Services.AddSingleton(ModelSamplingFileReader.Defaults(limits, model));
        builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc =>
        {
            grpc.MaxReceiveMessageSize = limits.MaxReceiveMessageBytes;
            grpc.Interceptors.Add<ErrorStatusInterceptor>();
        });
        // Credentials per service, so health checks and reflection stay open to the orchestrator's probes.
        builder.Services.AddGrpc()
            .AddServiceOptions<EditingServiceImpl>(grpc => grpc.Interceptors.Add<AccessInterceptor>(AccessRole.Client))
            .AddServiceOptions<TaskServiceImpl>(grpc =>
            {
                grpc.Interceptors.Add<AccessInterceptor>(AccessRole.Admin);
                grpc.MaxReceiveMessageSize = registration.MaxReceiveMessageBytes;
            });

        builder.AddRedisClient(RedisConnectionName);
        builder.Services.AddJobQueue(builder.Configuration);
        builder.Services.AddTaskInversionQueue(builder.Configuration);
        builder.Services.AddHostedService<QueueReaperService>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(sp => new ImageIntake(sp.GetRequiredService<GatewayOptions>()));
        builder.Services.AddSingleton<InstructionRules>();
        builder.Services.AddSingleton<ParameterResolver>();
        builder.Services.AddSingleton(sp => new BuiltInTaskNames(sp.GetRequiredService<IOptions<ModelFolderOptions>>()));
        builder.Services.AddSingleton<RegistrationClaims>();
        builder.Services.AddSingleton<TaskCatalog>();
        builder.Services.AddSingleton<RegistrationRequestReader>();
        builder.Services.AddSingleton<RegistrationStatusReader>();
        builder.Services.AddSingleton<EditJobFactory>();
        builder.Services.AddSingleton<EditFollower>();
        builder.Services.AddSingleton<EditStatusReader>();
        builder.Services.AddSingleton<SessionKeys>();
        builder.Services.AddSingleton<SessionIndex>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<BlankCanvas>();
        builder.Services.AddSingleton<SessionService>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapGrpcService<EditingServiceImpl>();
        app.MapGrpcService<TaskServiceImpl>();
        // For KEDA's external trigger (k8s/components/keda); the cluster's edge routes only the public API.
        app.MapGrpcService<KedaExternalScaler>();
        return app;
    }
}
