namespace SyndicationBot.Queue;

/// <summary>The record of retractions: every post an operator or a source took back, with who, why and when.</summary>
internal interface IRetractionLedger
{
    /// <summary>Appends the records of one retraction.</summary>
    Task RecordRetractionsAsync(IReadOnlyList<RetractionRecord> records, CancellationToken cancellationToken);

    /// <summary>The records, newest first; of one article when <paramref name="articleKey"/> is given.</summary>
    Task<IReadOnlyList<RetractionRecord>> ListRetractionsAsync(string? articleKey, int limit, CancellationToken cancellationToken);
}
