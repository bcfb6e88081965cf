using System.Collections.Concurrent;

namespace SyndicationBot.Posts;

/// <summary>
/// The current length limit per channel, starting from each network's <see cref="PostFormat.DefaultLimit"/>. Shared
/// and mutable because some limits are only known at run time: the Mastodon channel sets the instance's
/// <c>configuration.statuses.max_characters</c>.
/// </summary>
internal sealed class ChannelLimits(IEnumerable<PostFormat> formats)
{
    /// <summary>No network limit (webhook, outbox).</summary>
    public const int Unlimited = int.MaxValue;

    private readonly ConcurrentDictionary<string, int> limits = new(
        formats.Select(f => KeyValuePair.Create(f.Channel, f.DefaultLimit)), StringComparer.OrdinalIgnoreCase);

    public int GetLimit(string channel) => limits.TryGetValue(channel, out int limit) ? limit : Unlimited;

    public void SetLimit(string channel, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        limits[channel] = limit;
    }
}
