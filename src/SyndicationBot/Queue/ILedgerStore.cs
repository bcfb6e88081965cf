namespace SyndicationBot.Queue;

/// <summary>What every port of the ledger shares: its schema, created or migrated before first use.</summary>
internal interface ILedgerStore
{
    /// <summary>Creates or migrates the schema (forward-only). Idempotent, and safe when several processes start together.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
