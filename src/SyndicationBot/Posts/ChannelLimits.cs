using System.Collections.Concurrent;

namespace SyndicationBot.Posts;

/// <summary>
/// The current length limit per channel, by that network's own rule. Shared and mutable because some limits are
/// only known at run time: the Mastodon channel sets the instance's <c>configuration.statuses.max_characters</c>.
/// </summary>
internal sealed class ChannelLimits
{
    /// <summary>No network limit (webhook, outbox).</summary>
    public const int Unlimited = int.MaxValue;

    private readonly ConcurrentDictionary<string, int> limits = new(StringComparer.OrdinalIgnoreCase)
    {
        [PostChannels.X] = 280,
        [PostChannels.Mastodon] = 500,
        [PostChannels.Bluesky] = 300,
        [PostChannels.Telegram] = 4096,
        [PostChannels.Facebook] = 63206,
        [PostChannels.Webhook] = Unlimited,
        [PostChannels.Outbox] = Unlimited,
    };

    public int GetLimit(string channel) => limits.TryGetValue(channel, out int limit) ? limit : Unlimited;

    public void SetLimit(string channel, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        limits[channel] = limit;
    }
}
