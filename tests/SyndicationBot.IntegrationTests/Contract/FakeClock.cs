using Microsoft.Extensions.Time.Testing;

namespace SyndicationBot.IntegrationTests.Contract;

/// <summary>Advances a fake clock in steps until a task that waits on it (back-off, time-out) finishes.</summary>
public static class FakeClock
{
    /// <summary>
    /// Moves <paramref name="time"/> on by <paramref name="step"/> whenever <paramref name="quiet"/> has held for two
    /// polls in a row (typically: every open request is a deliberate hang), until <paramref name="task"/> finishes.
    /// Moving the clock while a healthy request is still on the wire would time it out, and how long that request
    /// takes in real time depends on the machine's load, so the clock waits for the I/O rather than for a guess.
    /// </summary>
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, Func<bool> quiet, int maxSteps = 2_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(quiet);
        var steps = 0;
        var quietPolls = 0;
        while (!task.IsCompleted)
        {
            // Real I/O (Kestrel, HttpClient) runs on other threads: give it a real moment before judging.
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System));
            if (task.IsCompleted)
            {
                break;
            }

            quietPolls = quiet() ? quietPolls + 1 : 0;
            if (quietPolls < 2)
            {
                continue;
            }

            if (++steps > maxSteps)
            {
                throw new InvalidOperationException($"The task was still running after the fake clock moved {maxSteps} steps of {step}.");
            }

            time.Advance(step);
            quietPolls = 0;
        }

        return await task;
    }
}
