namespace SyndicationBot.Queue;

/// <summary>
/// Heartbeats of running services in the ledger, so a verb run from another process (<c>status</c>) can tell whether
/// a service is alive, and since when it has been silent.
/// </summary>
internal interface IServiceHeartbeats
{
    /// <summary>Records that <paramref name="loopName"/> of <paramref name="owner"/> turned at <paramref name="at"/> (insert or replace).</summary>
    Task BeatAsync(string owner, string loopName, DateTimeOffset startedAt, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every heartbeat kept, newest first.</summary>
    Task<IReadOnlyList<ServiceHeartbeat>> ListHeartbeatsAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the heartbeats of <paramref name="owner"/> (a service that stopped cleanly).</summary>
    Task RemoveHeartbeatsAsync(string owner, CancellationToken cancellationToken);
}
