namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// Due times handed out but maybe not yet in the ledger, so back-to-back assignments before an enqueue
/// never share a slot. They lapse after a minute: by then the post is in the ledger, or was never
/// enqueued (a duplicate) and must not hold its slot.
/// </summary>
internal sealed class ChannelReservations
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly List<(DateTimeOffset Due, DateTimeOffset HandedOutAt)> entries = [];

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The live reservations; call only while holding <see cref="Gate"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Live(DateTimeOffset now)
    {
        entries.RemoveAll(entry => now - entry.HandedOutAt > Lifetime || entry.HandedOutAt > now);
        return [.. entries.Select(entry => entry.Due)];
    }

    /// <summary>Records a due time; call only while holding <see cref="Gate"/>.</summary>
    public void Add(DateTimeOffset due, DateTimeOffset now) => entries.Add((due, now));
}
