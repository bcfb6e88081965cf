using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Bluesky;

internal static class BlueskyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Bluesky channel (section <c>Channels:Bluesky</c>) as an <see cref="IChannel"/>, with the named
    /// HTTP clients <see cref="BlueskyChannel.HttpClientName"/> (XRPC) and <see cref="BlueskyChannel.ThumbHttpClientName"/>
    /// (link-card images). The channel is a singleton, so it asks the factory for a client per call instead of
    /// holding a typed client's handler for ever.
    /// </summary>
    public static IServiceCollection AddBlueskyChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<BlueskyOptions>().BindConfiguration(BlueskyOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlueskyOptions>, BlueskyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The factory's trace logging redacts header values in the message text only: its structured state
        // still carries the raw Authorization header, which a JSON or OpenTelemetry sink would export.
        // The channel logs every outcome itself, so the factory's loggers go.
        services.AddHttpClient(BlueskyChannel.HttpClientName).RemoveAllLoggers();
        services.AddHttpClient(BlueskyChannel.ThumbHttpClientName);
        services.TryAddSingleton<BlueskyChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<BlueskyChannel>());
        return services;
    }
}
