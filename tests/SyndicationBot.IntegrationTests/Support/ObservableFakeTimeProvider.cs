using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace SyndicationBot.IntegrationTests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records each timer's due time, so a test can wait until a background
/// service is actually sleeping on the fake clock before it advances time (instead of guessing with real delays).
/// </summary>
public sealed class ObservableFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<(DateTimeOffset CreatedAt, TimeSpan DueTime)> _timers = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue((GetUtcNow(), dueTime));
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (in real time, bounded) until a timer created at the current fake time (or later) is due at <paramref name="at"/>.</summary>
    public async Task<bool> WaitForTimerDueAtAsync(DateTimeOffset at, TimeSpan realTimeout)
    {
        var deadline = Environment.TickCount64 + (long)realTimeout.TotalMilliseconds;
        var since = GetUtcNow();
        while (Environment.TickCount64 < deadline)
        {
            if (_timers.Any(t => t.CreatedAt >= since && t.CreatedAt + t.DueTime == at))
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }
}
