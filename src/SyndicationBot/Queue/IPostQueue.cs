using SyndicationBot.Articles;

namespace SyndicationBot.Queue;

/// <summary>
/// The durable publish ledger. Every adapter (SQLite now, PostgreSQL later) passes the same contract tests.
/// "Now" is always passed in by the caller (from <see cref="TimeProvider"/>), never read from the database clock.
/// </summary>
internal interface IPostQueue : IRequestMarks
{
    /// <summary>Creates or migrates the schema (forward-only). Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when this article (same canonical URL, same content hash, or a near-identical headline and
    /// first paragraph) is already in the ledger.
    /// </summary>
    Task<bool> ContainsArticleAsync(Article article, CancellationToken cancellationToken);

    /// <summary>
    /// Matches an incoming article against the ledger: by <paramref name="identity"/> (see
    /// <see cref="ArticleIdentity.Identity"/>) first, so a story changed at the source is told apart from a new one,
    /// then by content hash and near-identical headline and lead.
    /// </summary>
    Task<ArticleMatch> MatchArticleAsync(Article article, string? identity, CancellationToken cancellationToken);

    /// <summary>
    /// Records a changed version of a known article atomically: the version itself (so the same text is recognised
    /// later), the new text of its unsent posts (a post that left in the meantime keeps its old text), and its
    /// update posts (keyed by the version, so each has its own idempotency key).
    /// </summary>
    Task<RevisionOutcome> EnqueueRevisionAsync(Article revision, string identity, IReadOnlyList<PostRefresh> refreshed, IReadOnlyList<NewPost> updatePosts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the article and its posts atomically. Posts whose (article, channel) pair is already
    /// queued are ignored, so enqueueing the same article twice never queues a post twice.
    /// Returns the number of posts actually added.
    /// </summary>
    Task<int> EnqueueAsync(Article article, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="EnqueueAsync(Article, IReadOnlyList{NewPost}, DateTimeOffset, CancellationToken)"/>, recording the
    /// article under <paramref name="identity"/> (see <see cref="ArticleIdentity.Identity"/>) so a later version of it
    /// is recognised by <see cref="MatchArticleAsync"/>.
    /// </summary>
    Task<int> EnqueueAsync(Article article, string? identity, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The latest due time already given to a post of this channel (for spacing), or null.</summary>
    Task<DateTimeOffset?> GetLastDueAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Due times of the channel's live posts (queued, publishing, published, retrying) in [windowStart, windowEnd).</summary>
    Task<IReadOnlyList<DateTimeOffset>> GetDueTimesAsync(string channel, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken);

    /// <summary>When the channel last published a post, or null.</summary>
    Task<DateTimeOffset?> GetLastPublishedAsync(string channel, CancellationToken cancellationToken);

    /// <summary>The earliest time at which some post becomes claimable (due or retry time, or an expiring lease), or null.</summary>
    Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> posts that are ready at <paramref name="now"/>, marks them
    /// Publishing, counts the attempt and stores the lease, all committed before any network call.
    /// </summary>
    Task<IReadOnlyList<QueuedPost>> ClaimDueAsync(DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Posts left Publishing by a dead owner (lease expired at <paramref name="now"/>).</summary>
    Task<IReadOnlyList<QueuedPost>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of the attempt. With an <paramref name="owner"/>, only while that owner still
    /// holds the post (returns false otherwise, e.g. after its lease was recovered by another).
    /// </summary>
    Task<bool> RecordAsync(long postId, string? owner, PostOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reads one post, or null.</summary>
    Task<QueuedPost?> GetAsync(long postId, CancellationToken cancellationToken);

    /// <summary>Lists posts in the given states, ordered by due time (<paramref name="newestFirst"/> reverses it).</summary>
    Task<IReadOnlyList<QueuedPost>> ListAsync(IReadOnlyCollection<PostState> states, int limit, bool newestFirst, CancellationToken cancellationToken);

    /// <summary>Counts posts per state.</summary>
    Task<IReadOnlyDictionary<PostState, int>> CountByStateAsync(CancellationToken cancellationToken);

    /// <summary>Operator: cancel a post that has not gone out, or acknowledge a failed (dead-lettered) one. False when it is not in a cancellable state.</summary>
    Task<bool> CancelAsync(long postId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Operator: queue a failed, skipped, in-doubt, cancelled or retry-waiting post again, due now. False otherwise.</summary>
    Task<bool> RetryAsync(long postId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Operator: move a post that has not gone out to a new due time. False otherwise.</summary>
    Task<bool> RescheduleAsync(long postId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>What became of the input with this fingerprint, or null when never seen.</summary>
    Task<IngestRecord?> GetIngestAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Remembers what became of an input (insert or replace).</summary>
    Task RecordIngestAsync(IngestRecord record, CancellationToken cancellationToken);
}
