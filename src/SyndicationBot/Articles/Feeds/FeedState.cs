namespace SyndicationBot.Articles.Feeds;

/// <summary>
/// What the poller remembers about one feed between polls: the validators for conditional GET and the
/// failure streak that drives exponential backoff. Persist it between runs; start from <see cref="New"/>.
/// </summary>
/// <param name="ETag">The last ETag the server sent, echoed in If-None-Match.</param>
/// <param name="LastModified">The last Last-Modified value the server sent, echoed verbatim in If-Modified-Since.</param>
/// <param name="ConsecutiveFailures">Failed polls in a row; 0 after any success or 304.</param>
/// <param name="NextAttemptAt">While failing: do not poll before this instant.</param>
/// <param name="LastSuccessAt">The last successful poll (200 or 304); null means the feed has never been read (first run).</param>
/// <param name="LastError">Why the last poll failed, for reports.</param>
internal sealed record FeedState(
    string? ETag = null,
    string? LastModified = null,
    int ConsecutiveFailures = 0,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? LastSuccessAt = null,
    string? LastError = null)
{
    public static FeedState New { get; } = new();
}
