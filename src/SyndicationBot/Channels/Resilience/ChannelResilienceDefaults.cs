namespace SyndicationBot.Channels.Resilience;

/// <summary>Proactive limits from each network's documented post limits (platforms.md), overridable per channel.</summary>
internal static class ChannelResilienceDefaults
{
    public static void Apply(string channel, ChannelResilienceOptions options)
    {
        (options.PermitsPerWindow, options.Window) = channel.ToLowerInvariant() switch
        {
            // POST /2/tweets: 100 per 15 min per user (Pro and pay-per-use). The Free tier (17 / 24 h) must set it.
            "x" => (100, TimeSpan.FromMinutes(15)),

            // Mastodon's statuses family: 300 per 3 hours per account.
            "mastodon" => (300, TimeSpan.FromHours(3)),

            // 5,000 repo-write points per hour, 3 points per create.
            "bluesky" => (1666, TimeSpan.FromHours(1)),

            // Telegram: about 20 messages per minute into one group or channel.
            "telegram" => (20, TimeSpan.FromMinutes(1)),

            // Graph API page calls: 200 per hour per user is the documented floor (UNCERTAIN for pages with many fans).
            "facebook" => (200, TimeSpan.FromHours(1)),

            // Discord: 30 messages per minute per webhook, the tightest of the common receivers.
            "webhook" => (30, TimeSpan.FromMinutes(1)),

            // The local outbox and unknown channels: no proactive limit.
            _ => (0, TimeSpan.FromMinutes(1)),
        };
    }
}
