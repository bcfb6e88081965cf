namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// The dispatch-time decision including the checks that need the ledger (the daily cap).
/// <see cref="IPostScheduler.Decide"/> is synchronous and cannot count today's posts, so the dispatcher
/// calls this instead; the same singleton implements both.
/// </summary>
internal interface IPostDispatchPolicy
{
    /// <summary>
    /// As <see cref="IPostScheduler.Decide"/>, and also defers a non-urgent post when the channel already
    /// published <c>MaxPerDay</c> posts on the local day of <paramref name="now"/>.
    /// </summary>
    Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken);

    /// <summary>The least time between two posts of <paramref name="channel"/>, enforced across every dispatcher on the ledger (none unless a policy says so).</summary>
    TimeSpan MinSpacing(string channel) => TimeSpan.Zero;
}
