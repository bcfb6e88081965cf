namespace SyndicationBot.Queue;

/// <summary>Figures about the ledger for metrics.</summary>
internal interface ILedgerGauges
{
    /// <summary>Posts per channel and state.</summary>
    Task<IReadOnlyList<QueueDepth>> CountByChannelAndStateAsync(CancellationToken cancellationToken);
}
