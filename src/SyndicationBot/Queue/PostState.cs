namespace SyndicationBot.Queue;

/// <summary>The life of a post in the ledger.</summary>
/// <remarks>
/// Queued → Publishing → Published | RetryWaiting | Failed | Skipped | Cancelled | InDoubt.
/// Held → Queued (approved, at the schedule's next time) | Cancelled (refused, or expired after Approval:MaxWait).
/// RetryWaiting → Publishing again at its next attempt time. A Publishing post whose lease expired
/// is recovered by its channel's <see cref="Channels.DeliveryGuarantee"/>.
/// </remarks>
internal enum PostState
{
    /// <summary>Waiting for its due time.</summary>
    Queued = 0,

    /// <summary>Leased by a dispatcher; the attempt is recorded before the network call.</summary>
    Publishing = 1,

    /// <summary>Accepted by the network (or a duplicate of an accepted post).</summary>
    Published = 2,

    /// <summary>A transient failure; waiting for its next attempt time.</summary>
    RetryWaiting = 3,

    /// <summary>Refused for good, or out of attempts; the last error says why.</summary>
    Failed = 4,

    /// <summary>Not sent by policy (too old, daily cap, missed slot); the last error says why.</summary>
    Skipped = 5,

    /// <summary>Cancelled by the operator.</summary>
    Cancelled = 6,

    /// <summary>The outcome of an attempt is unknown and the network cannot dedupe: the operator decides.</summary>
    InDoubt = 7,

    /// <summary>Held for an editor (its route's <c>Approval: Hold</c>): never claimed; <c>queue approve</c> queues it at the schedule's next time, <c>queue cancel</c> refuses it.</summary>
    Held = 8,
}
