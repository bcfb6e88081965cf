namespace SyndicationBot.Queue;

/// <summary>
/// What became of one input (by the SHA-256 of its bytes), so a restart neither re-reads a file already
/// taken nor retries a rejected one forever.
/// </summary>
/// <param name="Fingerprint">Hex SHA-256 of the input's bytes (or of a feed item's identity).</param>
/// <param name="Source">The path or URL.</param>
/// <param name="Outcome">What became of it (stored as its lowercase word, see <see cref="IngestOutcomeWords"/>).</param>
/// <param name="Detail">The reason, for rejections and skips.</param>
/// <param name="At">When it was recorded.</param>
internal sealed record IngestRecord(string Fingerprint, string Source, IngestOutcome Outcome, string? Detail, DateTimeOffset At)
{
    /// <summary>For <see cref="IngestOutcome.AlreadyHandled"/>: the record of the first time, as the ledger keeps it.</summary>
    public IngestRecord? Earlier { get; init; }
}
