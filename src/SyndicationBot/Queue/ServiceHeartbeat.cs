namespace SyndicationBot.Queue;

/// <summary>The last sign of life of one loop of one running service, as kept in the ledger.</summary>
/// <param name="Owner">The service process: <c>{machine}/{pid}/{nonce}</c>.</param>
/// <param name="Loop">The loop: <c>dispatcher</c>, <c>watcher</c>, <c>feeds</c>.</param>
/// <param name="StartedAt">When that process started.</param>
/// <param name="At">When the loop last turned.</param>
internal sealed record ServiceHeartbeat(string Owner, string Loop, DateTimeOffset StartedAt, DateTimeOffset At);
