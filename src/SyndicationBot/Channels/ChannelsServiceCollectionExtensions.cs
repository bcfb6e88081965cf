using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;

namespace SyndicationBot.Channels;

/// <summary>Registers every network; each channel is used only when its <c>Channels:&lt;Name&gt;:Enabled</c> is true.</summary>
internal static class ChannelsServiceCollectionExtensions
{
    /// <summary>Adds every network of <see cref="Networks.All"/>: its post format and composer, and its channel.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        foreach (var network in Networks.All)
        {
            services.AddNetwork(network);
        }

        // Last: wraps every channel registered above in its resilience pipeline.
        services.AddChannelResilience();
        return services;
    }

    /// <summary>Adds only the post formats and composers of every network: the Posts graph without any channel.</summary>
    internal static IServiceCollection AddNetworkPostFormats(this IServiceCollection services)
    {
        foreach (var network in Networks.All)
        {
            services.AddPostFormat(network.Post);
        }

        return services;
    }

    internal static IServiceCollection AddNetwork(this IServiceCollection services, NetworkDescriptor network)
    {
        ArgumentNullException.ThrowIfNull(network);
        services.AddPostFormat(network.Post);
        network.AddChannel(services);
        return services;
    }
}
