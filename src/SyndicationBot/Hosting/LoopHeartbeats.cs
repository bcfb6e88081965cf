using System.Collections.Concurrent;

namespace SyndicationBot.Hosting;

/// <summary>
/// The last turn of each background loop of this process, in memory: the loops beat on every turn, the heartbeat
/// writer copies the beats to the ledger, and <c>/healthz</c> judges liveness from them.
/// </summary>
internal sealed class LoopHeartbeats(TimeProvider timeProvider)
{
    /// <summary>The publishing loop.</summary>
    public const string Dispatcher = "dispatcher";

    /// <summary>The seed-folder loop.</summary>
    public const string Watcher = "watcher";

    /// <summary>The loops a running service must keep turning.</summary>
    public static IReadOnlyList<string> Required { get; } = [Dispatcher, Watcher];

    private readonly ConcurrentDictionary<string, DateTimeOffset> _beats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);

    /// <summary>This process, as its heartbeats are kept: host, process id and a per-run nonce.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>When this process started beating (the age of a loop that never turned is measured from here).</summary>
    public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();

    /// <summary>Records that <paramref name="loop"/> turned now.</summary>
    public void Beat(string loop)
    {
        if (!_held.ContainsKey(loop))
        {
            _beats[loop] = timeProvider.GetUtcNow();
        }
    }

    /// <summary>The last beat of each loop that has turned.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Snapshot() => new Dictionary<string, DateTimeOffset>(_beats, StringComparer.Ordinal);

    /// <summary>Test hook: the loop keeps running but its beats are no longer recorded, as if it were stuck.</summary>
    internal void Hold(string loop) => _held[loop] = true;
}
