using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmuEdit.Pipeline.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ServingOptions"/> from section "Serving" (validated at start) and registers the value.</summary>
    public static IServiceCollection AddServingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ServingOptions>()
            .Bind(configuration.GetSection(ServingOptions.SectionName))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServingOptions>>().Value);
        return services;
    }
}
