using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Channels.Facebook;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Outbox;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Channels.Telegram;
using SyndicationBot.Channels.Webhook;
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
        services.AddMastodonChannel();
        services.AddWebhookChannel();

        // Last: wraps every channel registered above in its resilience pipeline.
        services.AddChannelResilience();
        return services;
    }
}
