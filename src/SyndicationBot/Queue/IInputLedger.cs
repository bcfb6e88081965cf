namespace SyndicationBot.Queue;

/// <summary>What became of the inputs read (the <c>ingested</c> records), for the operator.</summary>
internal interface IInputLedger
{
    /// <summary>The most recent <paramref name="limit"/> inputs, newest first.</summary>
    Task<IReadOnlyList<IngestRecord>> ListInputsAsync(int limit, CancellationToken cancellationToken);
}
