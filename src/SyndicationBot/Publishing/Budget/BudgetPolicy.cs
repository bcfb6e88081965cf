using System.Collections.Concurrent;
using System.Globalization;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Publishing.Budget;

/// <summary>
/// The channel's schedule decides first; a post the schedule would send now is then held to the channel's budget:
/// beyond it, deferred to the start of the next day or month, or skipped, by the budget's <c>WhenExceeded</c>,
/// always with the reason in the ledger.
/// </summary>
internal sealed class BudgetPolicy(IPostDispatchPolicy schedule, BudgetMeter meter) : IPostDispatchPolicy
{
    private const int MaxRemembered = 10_000;

    // Posts this policy deferred, and until when: a post held back a day by its budget is not "late" for the
    // schedule's MaxLateness or MaxAge when it comes back; the schedule judges it from the time it was deferred to.
    private readonly ConcurrentDictionary<long, DateTimeOffset> _deferredUntil = new();

    public async Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var decision = await schedule.DecideAsync(post, now, lastSentOnChannel, cancellationToken);
        if (decision is DispatchDecision.Skip && _deferredUntil.TryGetValue(post.Id, out var deferredTo) && deferredTo > post.DueAt)
        {
            decision = await schedule.DecideAsync(post with { DueAt = deferredTo }, now, lastSentOnChannel, cancellationToken);
        }

        if (decision is not DispatchDecision.Send || meter.BudgetOf(post.Channel) is not { } budget
            || await meter.UsageAsync(post.Channel, now, cancellationToken) is not { } usage
            || usage.Exceeded(budget.CostOf(post.Draft.Link is not null)) is not { } exceeded)
        {
            return decision;
        }

        if (budget.WhenExceeded == BudgetOverrun.Skip)
        {
            return new DispatchDecision.Skip($"{exceeded.Reason}; skipped (WhenExceeded Skip)");
        }

        if (_deferredUntil.Count >= MaxRemembered)
        {
            _deferredUntil.Clear();
        }

        _deferredUntil[post.Id] = exceeded.Until;
        var until = exceeded.Until.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return new DispatchDecision.Defer(exceeded.Until, $"{exceeded.Reason}; deferred to the next period, {until}");
    }
}
