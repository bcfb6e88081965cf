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

    /// <summary>
    /// Takes <paramref name="channel"/>'s send turn at <paramref name="now"/> when its last turn (taken by any dispatcher
    /// on this ledger, in any process or replica) is at least <paramref name="minSpacing"/> old. Returns null when the
    /// turn was taken, else the time from which it is free. Taken before the request leaves and kept whatever the
    /// outcome, so no two requests of one channel are ever closer than its spacing, however many replicas send.
    /// </summary>
    Task<DateTimeOffset?> TakeSendTurnAsync(string channel, DateTimeOffset now, TimeSpan minSpacing, CancellationToken cancellationToken);

    /// <summary>
    /// Takes one of <paramref name="channel"/>'s <paramref name="permits"/> requests per <paramref name="window"/>, counted
    /// in the ledger for every dispatcher on it (a window opens at the first request after the last one closed).
    /// Returns null when a permit was taken, else when the current window closes.
    /// </summary>
    Task<DateTimeOffset?> TakeWindowPermitAsync(string channel, DateTimeOffset now, int permits, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>When the channel last published a post, or null.</summary>
    Task<DateTimeOffset?> GetLastPublishedAsync(string channel, CancellationToken cancellationToken);
}
