namespace SyndicationBot.Tests.Contract;

/// <summary>The faults a contract server injects, as a real network shows them.</summary>
public enum ChaosFault
{
    None,

    /// <summary>503 before anything is stored.</summary>
    ServiceUnavailable,

    /// <summary>The connection drops before anything is stored.</summary>
    ResetBeforeCommit,

    /// <summary>The post is stored, then the connection drops: the client cannot know.</summary>
    ResetAfterCommit,

    /// <summary>No answer until the client gives up.</summary>
    Hang,

    /// <summary>429 with the network's reset headers.</summary>
    RateLimited,
}

/// <summary>Deterministic fault injection: with probability <paramref name="rate"/>, one fault drawn uniformly.</summary>
public sealed class ChaosMonkey(int seed, double rate)
{
    private static readonly ChaosFault[] Faults = [ChaosFault.ServiceUnavailable, ChaosFault.ResetBeforeCommit, ChaosFault.ResetAfterCommit, ChaosFault.Hang, ChaosFault.RateLimited];
    private readonly Random random = new(seed);
    private readonly Lock gate = new();
    private int injected;

    public int Injected => Volatile.Read(ref injected);

    public ChaosFault Next()
    {
        lock (gate)
        {
            if (random.NextDouble() >= rate)
            {
                return ChaosFault.None;
            }

            injected++;
            return Faults[random.Next(Faults.Length)];
        }
    }

    /// <summary>
    /// Holds the request open until the client gives up (its time-out or cancel), with no timer at all; while it
    /// hangs it counts in <paramref name="hanging"/>.
    /// </summary>
    public static async Task HangAsync(Microsoft.AspNetCore.Http.HttpContext context, RequestCounter hanging)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hanging);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hanging.Enter();
        try
        {
            using (context.RequestAborted.Register(() => aborted.TrySetResult()))
            {
                await aborted.Task;
            }
        }
        finally
        {
            hanging.Leave();
        }
    }
}
