using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Bluesky;

internal static class BlueskyServiceCollectionExtensions
{
    // Registers the Bluesky channel (section Channels:Bluesky) as an IChannel, with the named
    // HTTP clients HttpClientName (XRPC) and ThumbHttpClientName
    // (link-card images). The channel is a singleton, so it asks the factory for a client per call instead of
    // holding a typed client's handler for ever.
    public static IServiceCollection AddBlueskyChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<BlueskyOptions>().BindConfiguration(BlueskyOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BlueskyOptions>, BlueskyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The factory's trace logging redacts header values in the message text only: its structured state
        // still carries the raw Authorization header, which a JSON or OpenTelemetry sink would export.
        // The channel logs every outcome itself, so the factory's loggers go.
        services.AddHttpClient(BlueskyChannel.HttpClientName).RemoveAllLoggers();
        // A slow image server must not hold the post back for the default 100 s: the card goes out without it.
        services.AddHttpClient(BlueskyChannel.ThumbHttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<BlueskyChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<BlueskyChannel>());
        return services;
    }
}
