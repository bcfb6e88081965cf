namespace SyndicationBot.Posts;

/// <summary>Post composition settings per channel (section <c>Posts</c>).</summary>
internal sealed class PostsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Posts";

    /// <summary>Per-channel settings keyed by channel name (<c>x</c>, <c>mastodon</c>, …); a missing channel uses defaults.</summary>
    public Dictionary<string, ChannelPostOptions> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal ChannelPostOptions For(string channel) => Channels.TryGetValue(channel, out var options) ? options : new();
}
