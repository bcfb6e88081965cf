namespace SyndicationBot.Articles.Feeds;

/// <summary>How one poll of a feed went.</summary>
internal enum FeedFetchStatus
{
    /// <summary>The feed was read; its items are in the result.</summary>
    Fetched,

    /// <summary>The server answered 304 (or the local file is unchanged); nothing new.</summary>
    NotModified,

    /// <summary>The feed is failing and its backoff has not elapsed; no request was made.</summary>
    BackedOff,

    /// <summary>The poll failed (network, HTTP status, malformed or oversized feed); backoff grows.</summary>
    Failed,

    /// <summary>The feed is disabled in configuration; no request was made.</summary>
    Disabled,
}
