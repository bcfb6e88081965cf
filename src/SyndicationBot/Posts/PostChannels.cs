namespace SyndicationBot.Posts;

/// <summary>The channel names composers write for (also the keys under <c>Posts:Channels</c>).</summary>
internal static class PostChannels
{
    public const string X = "x";
    public const string Mastodon = "mastodon";
    public const string Bluesky = "bluesky";
    public const string Telegram = "telegram";
    public const string Facebook = "facebook";
    public const string Webhook = "webhook";
    public const string Outbox = "outbox";

    public static IReadOnlyList<string> All { get; } = [X, Mastodon, Bluesky, Telegram, Facebook, Webhook, Outbox];
}
