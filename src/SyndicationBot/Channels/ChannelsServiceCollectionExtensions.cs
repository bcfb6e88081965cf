using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Channels.Facebook;
using SyndicationBot.Channels.Outbox;
using SyndicationBot.Channels.Telegram;
using SyndicationBot.Channels.X;

namespace SyndicationBot.Channels;

/// <summary>Registers every channel; each is used only when its <c>Channels:&lt;Name&gt;:Enabled</c> is true.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>Adds all channels.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddOutboxChannel();
        services.AddXChannel();
        services.AddBlueskyChannel();
        services.AddTelegramChannel();
        services.AddFacebookChannel();
        return services;
    }
}
