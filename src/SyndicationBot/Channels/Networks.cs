using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Channels.Facebook;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Outbox;
using SyndicationBot.Channels.Telegram;
using SyndicationBot.Channels.Webhook;
using SyndicationBot.Channels.X;

namespace SyndicationBot.Channels;

/// <summary>The networks the bot knows: one line each. The order is the order <c>preview</c> shows them in.</summary>
internal static class Networks
{
    public static IReadOnlyList<NetworkDescriptor> All { get; } =
    [
        XNetwork.Descriptor,
        MastodonNetwork.Descriptor,
        BlueskyNetwork.Descriptor,
        TelegramNetwork.Descriptor,
        FacebookNetwork.Descriptor,
        WebhookNetwork.Descriptor,
        OutboxNetwork.Descriptor,
    ];

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive, as configuration keys are), or null.</summary>
    public static NetworkDescriptor? Find(string name) =>
        All.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The position of <paramref name="name"/> in <see cref="All"/>; unknown names sort last.</summary>
    public static int Order(string name)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
