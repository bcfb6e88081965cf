namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// The ledger facts the scheduler needs. "Live" posts are those in <see cref="PostStates.Live"/> (Queued, Publishing,
/// RetryWaiting, Published, InDoubt): the ones that hold (or held) their time on the channel.
/// Skipped, Failed and Cancelled posts free their time.
/// </summary>
internal interface IScheduleLedger
{
    /// <summary>The latest due time of a live post on <paramref name="channel"/>, or null when there is none.</summary>
    Task<DateTimeOffset?> GetLastDueAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Due times of live posts on <paramref name="channel"/> with <paramref name="fromInclusive"/> ≤ due &lt; <paramref name="toExclusive"/>, in any order.</summary>
    Task<IReadOnlyList<DateTimeOffset>> GetDueTimesAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken);

    /// <summary>How many posts of <paramref name="channel"/> were published with <paramref name="fromInclusive"/> ≤ published-at &lt; <paramref name="toExclusive"/>.</summary>
    Task<int> CountPublishedAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken);
}
