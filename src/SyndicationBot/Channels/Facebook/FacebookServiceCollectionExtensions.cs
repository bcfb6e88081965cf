using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Facebook;

internal static class FacebookServiceCollectionExtensions
{
    // Registers the Facebook Page channel (section Channels:Facebook) as an IChannel, with the
    // named HTTP client HttpClientName.
    public static IServiceCollection AddFacebookChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<FacebookOptions>().BindConfiguration(FacebookOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FacebookOptions>, FacebookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The factory's trace logging redacts header values in the message text only: its structured state
        // still carries the raw Authorization header, which a JSON or OpenTelemetry sink would export.
        // The channel logs every outcome itself, so the factory's loggers go.
        services.AddHttpClient(FacebookChannel.HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton<FacebookChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<FacebookChannel>());
        return services;
    }
}
