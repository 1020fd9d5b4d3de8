using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmuEdit.Pipeline.Serving;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/>, validates it when the host starts (a bad
    /// value stops the start with the options' own message) and registers the bound value itself, so
    /// consumers take the options class rather than IOptions.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section, Action<T> validate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validate);
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .Validate(o => { validate(o); return true; })
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }
}
