namespace SyndicationBot.Queue;

/// <summary>What one <see cref="PostState"/> means to the ledger: one row of <see cref="PostStates"/>' table.</summary>
/// <param name="State">The state.</param>
/// <param name="Live">Holds (or held) its time on the channel: counted for spacing, slots and the due times the scheduler avoids.</param>
/// <param name="Claimable">A dispatcher may claim it once its ready time (due or next attempt) has come.</param>
/// <param name="Unsent">Has not left (nor may be leaving): a newer version of its article may still change its text.</param>
/// <param name="Cancellable">The operator may cancel it (or acknowledge it, for a dead letter).</param>
/// <param name="Retryable">The operator may queue it again, due now.</param>
/// <param name="Reschedulable">The operator may move it to a new due time.</param>
internal sealed record PostStateRule(
    PostState State,
    bool Live,
    bool Claimable,
    bool Unsent,
    bool Cancellable,
    bool Retryable,
    bool Reschedulable);
