using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>
/// Drives the scheduler the way the dispatcher does: at each wake-up, ready posts (urgent first, then by
/// ready time) get a decision; Send publishes at "now", Defer releases the post until then (its due time
/// stays), Skip records the reason. Time jumps to the next ready time on the fake clock, so a day runs
/// without sleeping; a wake-up that handles nothing but deferrals to "now" would spin, so it is counted.
/// </summary>
internal sealed class DispatchSimulator(IPostDispatchPolicy policy, InMemoryScheduleLedger ledger, FakeTimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> lastSent = new(StringComparer.OrdinalIgnoreCase);

    public async Task RunUntilAsync(DateTimeOffset end)
    {
        var wakeUps = 0;
        while (time.GetUtcNow() <= end)
        {
            if (++wakeUps > 10_000)
            {
                throw new InvalidOperationException("The dispatcher keeps waking up without time moving on: a deferral is not honoured.");
            }

            var now = time.GetUtcNow();
            var due = ledger.Posts
                .Where(post => post.State == PostState.Queued && post.ReadyAt <= now)
                .OrderByDescending(post => post.Urgent)
                .ThenBy(post => post.ReadyAt)
                .ThenBy(post => post.Id)
                .ToList();
            foreach (var post in due)
            {
                var sent = lastSent.TryGetValue(post.Channel, out var at) ? at : (DateTimeOffset?)null;
                switch (await policy.DecideAsync(post.ToQueuedPost(), now, sent, CancellationToken.None))
                {
                    case DispatchDecision.Send:
                        post.State = PostState.Published;
                        post.PublishedAt = now;
                        lastSent[post.Channel] = now;
                        break;
                    case DispatchDecision.Defer defer:
                        post.ReadyAt = defer.Until;
                        post.Reason = defer.Reason;
                        break;
                    case DispatchDecision.Skip skip:
                        post.State = PostState.Skipped;
                        post.Reason = skip.Reason;
                        break;
                }
            }

            var next = ledger.Posts
                .Where(post => post.State == PostState.Queued)
                .Select(post => (DateTimeOffset?)post.ReadyAt)
                .Min();
            if (next is null || next > end)
            {
                return;
            }

            if (next > now)
            {
                time.SetUtcNow(next.Value);
            }
        }
    }
}
