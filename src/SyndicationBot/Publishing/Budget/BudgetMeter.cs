using Microsoft.Extensions.Options;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Publishing.Budget;

/// <summary>
/// Reads a channel's budget use from the ledger: posts published today and this month (in the channel's schedule
/// time zone), the money they cost (by whether each carried a link), and the forecast for the month.
/// </summary>
internal sealed class BudgetMeter(
    IOptionsMonitor<ChannelBudgetOptions> budgets,
    IOptions<ScheduleOptions> schedule,
    IScheduleLedger ledger,
    IPostQueue queue)
{
    // Spend and forecast read the channel's posts of the month; a month of a busy desk is a few thousand.
    private const int MaxPostsRead = 100_000;

    /// <summary>The budget of <paramref name="channel"/>, or null when it has none.</summary>
    public ChannelBudgetOptions? BudgetOf(string channel) => budgets.Get(channel) is { IsSet: true } budget ? budget : null;

    /// <summary>The use of <paramref name="channel"/>'s budget at <paramref name="now"/>; null when it has no budget.</summary>
    public async Task<BudgetUsage?> UsageAsync(string channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (BudgetOf(channel) is not { } budget)
        {
            return null;
        }

        var zone = ZoneOf(channel);
        var today = ZonedTime.LocalDate(now, zone);
        var dayStart = ZonedTime.StartOfDay(today, zone);
        var nextDay = ZonedTime.StartOfDay(today.AddDays(1), zone);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var monthStart = ZonedTime.StartOfDay(firstOfMonth, zone);
        var nextMonth = ZonedTime.StartOfDay(firstOfMonth.AddMonths(1), zone);
        var postsToday = await ledger.CountPublishedAsync(channel, dayStart, nextDay, cancellationToken);
        var postsThisMonth = await ledger.CountPublishedAsync(channel, monthStart, nextMonth, cancellationToken);

        decimal? spent = null;
        decimal? forecastSpend = null;
        var waiting = 0;
        var costed = budget.CostPerPost is not null || budget.CostPerPostWithLink is not null;
        if (costed || budget.PostsPerMonth is not null || budget.PostsPerDay is not null)
        {
            var posts = await queue.ListAsync([PostState.Published, PostState.Queued, PostState.RetryWaiting], MaxPostsRead, newestFirst: true, cancellationToken);
            var mine = posts.Where(p => string.Equals(p.Channel, channel, StringComparison.Ordinal)).ToList();
            var published = mine.Where(p => p.State == PostState.Published && p.PublishedAt >= monthStart && p.PublishedAt < nextMonth).ToList();
            var due = mine.Where(p => p.State != PostState.Published && (p.NextAttemptAt ?? p.DueAt) < nextMonth).ToList();
            waiting = due.Count;
            if (costed)
            {
                spent = published.Sum(p => budget.CostOf(p.Draft.Link is not null) ?? 0);
                forecastSpend = spent + due.Sum(p => budget.CostOf(p.Draft.Link is not null) ?? 0);
            }
        }

        return new BudgetUsage(
            channel,
            today,
            postsToday,
            budget.PostsPerDay,
            nextDay,
            $"{firstOfMonth:yyyy-MM}",
            postsThisMonth,
            budget.PostsPerMonth,
            nextMonth,
            spent,
            budget.MoneyPerMonth,
            postsThisMonth + waiting,
            forecastSpend,
            budget.Currency);
    }

    private TimeZoneInfo ZoneOf(string channel)
    {
        var options = schedule.Value;
        var id = (options.Channels.TryGetValue(channel, out var own) ? own.TimeZone : null) ?? options.Default?.TimeZone ?? ScheduleOptions.DefaultTimeZone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
