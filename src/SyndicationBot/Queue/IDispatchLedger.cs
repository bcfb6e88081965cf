namespace SyndicationBot.Queue;

/// <summary>
/// The ledger as the dispatcher sees it: when to wake, claiming due posts under a lease, recording each attempt's
/// outcome under that lease's fencing token, and finding the leases of dispatchers that died. Several dispatchers
/// (threads, processes, replicas) may share one ledger: a post is claimed by one of them at a time.
/// </summary>
internal interface IDispatchLedger : ILedgerStore, IRequestMarks
{
    /// <summary>The earliest time at which some post becomes claimable (due or retry time, or an expiring lease), or null.</summary>
    Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> posts that are ready at <paramref name="now"/>, marks them
    /// Publishing, counts the attempt and stores the lease with a new fencing token (<see cref="QueuedPost.Lease"/>),
    /// all committed before any network call. Posts another dispatcher is claiming at the same moment are skipped.
    /// </summary>
    Task<IReadOnlyList<QueuedPost>> ClaimDueAsync(DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Posts left Publishing by a dead owner (lease expired at <paramref name="now"/>).</summary>
    Task<IReadOnlyList<QueuedPost>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of the attempt held by <paramref name="lease"/>: only while the post is still Publishing under
    /// that very lease (owner and fencing token). Returns false otherwise, e.g. when its lease expired and was recovered,
    /// or the post was claimed again since: a dispatcher that wakes late never overwrites a newer outcome.
    /// </summary>
    Task<bool> RecordAsync(PostLease lease, PostOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the channel last published a post, or null.</summary>
    Task<DateTimeOffset?> GetLastPublishedAsync(string channel, CancellationToken cancellationToken);
}
