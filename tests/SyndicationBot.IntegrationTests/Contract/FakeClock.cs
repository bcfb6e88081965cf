using Microsoft.Extensions.Time.Testing;

namespace SyndicationBot.IntegrationTests.Contract;

/// <summary>Advances a fake clock in small steps until a task that waits on it (back-off, time-out) finishes.</summary>
public static class FakeClock
{
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // Let the real I/O on other threads (Kestrel, HttpClient) make progress before the fake clock moves on.
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System));
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }

        return await task;
    }
}
