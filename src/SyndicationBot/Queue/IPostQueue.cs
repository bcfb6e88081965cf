using SyndicationBot.Articles;
using SyndicationBot.Channels;

namespace SyndicationBot.Queue;

/// <summary>
/// The durable publish ledger. Every adapter (SQLite now, PostgreSQL later) passes the same contract tests.
/// "Now" is always passed in by the caller (from <see cref="TimeProvider"/>), never read from the database clock.
/// </summary>
public interface IPostQueue
{
    /// <summary>Creates or migrates the schema. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>True when an article with this key (or content hash) is already in the ledger.</summary>
    Task<bool> ContainsArticleAsync(string articleKey, string contentHash, CancellationToken cancellationToken);

    /// <summary>
    /// Records the article and its posts atomically. Posts whose (article, channel) pair is already
    /// queued are ignored, so enqueueing the same article twice never queues a post twice.
    /// Returns the number of posts actually added.
    /// </summary>
    Task<int> EnqueueAsync(Article article, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The latest due time already given to a post of this channel (for spacing), or null.</summary>
    Task<DateTimeOffset?> GetLastDueAsync(string channel, CancellationToken cancellationToken);

    /// <summary>The earliest time at which some post becomes claimable (due or retry time, or an expiring lease), or null.</summary>
    Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> posts that are due at <paramref name="now"/>, marks them
    /// Publishing, counts the attempt and stores the lease, all before any network call.
    /// </summary>
    Task<IReadOnlyList<QueuedPost>> ClaimDueAsync(DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Posts left Publishing by a dead owner (lease expired at <paramref name="now"/>).</summary>
    Task<IReadOnlyList<QueuedPost>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the outcome of the attempt held under <paramref name="owner"/>'s lease.</summary>
    Task RecordAsync(long postId, string? owner, PostOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reads one post, or null.</summary>
    Task<QueuedPost?> GetAsync(long postId, CancellationToken cancellationToken);

    /// <summary>Lists posts in the given states, earliest due first.</summary>
    Task<IReadOnlyList<QueuedPost>> ListAsync(IReadOnlyCollection<PostState> states, int limit, CancellationToken cancellationToken);
}
