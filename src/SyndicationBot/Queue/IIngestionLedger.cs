using SyndicationBot.Articles;

namespace SyndicationBot.Queue;

/// <summary>
/// The ledger as ingestion sees it: which stories it already holds, recording new articles and changed versions with
/// their posts, and what became of each input. Enqueueing is idempotent by the ledger's unique keys (article key;
/// article and channel), so two processes ingesting the same input queue its posts once.
/// </summary>
internal interface IIngestionLedger : ILedgerStore
{
    /// <summary>
    /// True when this article (same canonical URL, same content hash, or a near-identical headline and
    /// first paragraph) is already in the ledger.
    /// </summary>
    Task<bool> ContainsArticleAsync(Article article, CancellationToken cancellationToken);

    /// <summary>
    /// Matches an incoming article against the ledger by the rules of <see cref="ArticleMatcher"/>: by
    /// <paramref name="identity"/> (see <see cref="ArticleIdentity.Identity"/>) first, so a story changed at the source
    /// is told apart from a new one, then by content hash and near-identical headline and lead.
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

    /// <summary>
    /// Records many articles and their posts in one transaction (bulk imports, feeds with many items), each under its
    /// identity without a source (<see cref="ArticleIdentity.Identity"/>). Same rules as <see cref="EnqueueAsync(Article, IReadOnlyList{NewPost}, DateTimeOffset, CancellationToken)"/>.
    /// </summary>
    Task<int> EnqueueManyAsync(IReadOnlyList<(Article Article, IReadOnlyList<NewPost> Posts)> items, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>What became of the input with this fingerprint, or null when never seen.</summary>
    Task<IngestRecord?> GetIngestAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Remembers what became of an input (insert or replace).</summary>
    Task RecordIngestAsync(IngestRecord record, CancellationToken cancellationToken);
}
