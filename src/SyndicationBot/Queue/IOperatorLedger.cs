namespace SyndicationBot.Queue;

/// <summary>The ledger as the operator's verbs, status and pages see it: reading posts and the cancel, retry and reschedule actions (<see cref="PostStates"/> says which state each applies to).</summary>
internal interface IOperatorLedger : ILedgerStore
{
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
}
