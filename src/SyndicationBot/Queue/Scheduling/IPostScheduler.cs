namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// Decides when posts go out, per channel policy (Spacing, Slots, Cron; quiet hours, caps, max age).
/// Pure with respect to time: "now" is always passed in.
/// </summary>
internal interface IPostScheduler
{
    /// <summary>The due time for a new post on <paramref name="channel"/>, given the posts already in the ledger.</summary>
    Task<DateTimeOffset> AssignDueAsync(string channel, bool urgent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>At dispatch time: send now, wait until a later time, or skip with a reason.</summary>
    DispatchDecision Decide(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel);
}
