using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>
/// Drives the scheduler the way the dispatcher does: at each wake-up, due posts (urgent first, then by
/// due time) get a decision; Send publishes at "now", Defer moves the due time, Skip records the reason.
/// Time jumps straight to the next due time on the fake clock, so a day runs without sleeping.
/// </summary>
internal sealed class DispatchSimulator(IPostDispatchPolicy policy, InMemoryScheduleLedger ledger, FakeTimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> lastSent = new(StringComparer.OrdinalIgnoreCase);

    public async Task RunUntilAsync(DateTimeOffset end)
    {
        while (time.GetUtcNow() <= end)
        {
            var now = time.GetUtcNow();
            var due = ledger.Posts
                .Where(post => post.State == PostState.Queued && post.DueAt <= now)
                .OrderByDescending(post => post.Urgent)
                .ThenBy(post => post.DueAt)
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
                        post.DueAt = defer.Until;
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
                .Select(post => (DateTimeOffset?)post.DueAt)
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
