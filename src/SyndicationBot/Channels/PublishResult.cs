namespace SyndicationBot.Channels;

/// <summary>The classified outcome of one publish attempt. Expected outcomes are values, matched with <c>switch</c>.</summary>
internal abstract record PublishResult
{
    private PublishResult()
    {
    }

    /// <summary>The network accepted the post.</summary>
    public sealed record Published(string RemoteId, Uri? Url) : PublishResult;

    /// <summary>
    /// The network already holds this content (X duplicate 403, Facebook 506): treated as done, never
    /// re-sent. <paramref name="Detail"/> is the network's own message.
    /// </summary>
    public sealed record Duplicate(string Detail) : PublishResult;

    /// <summary>
    /// A transient failure or a rate limit: try again, not before <paramref name="NotBefore"/> when given.
    /// <paramref name="NotSent"/> says the request never left (a full proactive rate window, an open circuit),
    /// so the attempt does not count against the post.
    /// </summary>
    public sealed record RetryLater(string Reason, DateTimeOffset? NotBefore, bool RateLimited = false, bool NotSent = false) : PublishResult;

    /// <summary>Credentials are missing, expired or revoked: the channel pauses, posts are kept.</summary>
    public sealed record AuthFailed(string Reason) : PublishResult;

    /// <summary>The network refused this post for good (validation, permissions); the reason is the network's own message.</summary>
    public sealed record Rejected(string Reason) : PublishResult;

    /// <summary>The request may or may not have reached the network and the channel cannot tell (e.g. a time-out after sending).</summary>
    public sealed record Unknown(string Reason) : PublishResult;
}
