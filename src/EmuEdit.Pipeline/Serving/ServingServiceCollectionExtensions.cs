using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmuEdit.Pipeline.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ServingOptions"/> from section "Serving" (validated at start) and registers the value.</summary>
    public static IServiceCollection AddServingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        return services.AddValidatedOptions<ServingOptions>(configuration, ServingOptions.SectionName, o => o.Validate());
    }
}
