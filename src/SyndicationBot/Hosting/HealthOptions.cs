using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Hosting;

/// <summary>How the service reports that it is alive: heartbeats in the ledger and the liveness threshold of its loops.</summary>
internal sealed class HealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Health";

    /// <summary>How often the service writes its loops' heartbeats to the ledger; <c>status</c> calls it gone after three missed beats.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A loop (dispatcher, seed watcher) that has not turned for this long is stuck: <c>/healthz</c> answers 503. Keep it
    /// above <c>Sources:Watch:RescanInterval</c>, <c>Dispatch:MaxIdle</c> and the longest channel request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LoopStallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How old the newest heartbeat in the ledger may be for a service to count as running.</summary>
    public TimeSpan ServiceStaleAfter => HeartbeatInterval * 3;
}
