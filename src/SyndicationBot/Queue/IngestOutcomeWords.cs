namespace SyndicationBot.Queue;

/// <summary>
/// The words the ledger's <c>ingested.outcome</c> column and <c>ingest --json</c> have always used, so ledgers written
/// before the enum existed read the same and scripts reading the output keep working.
/// </summary>
internal static class IngestOutcomeWords
{
    /// <summary>The stored word: <c>queued</c>, <c>updated</c>, <c>duplicate</c>, <c>skipped</c>, <c>rejected</c> or <c>read</c>.</summary>
    public static string ToWord(this IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Queued => "queued",
        IngestOutcome.Updated => "updated",
        IngestOutcome.Duplicate => "duplicate",
        IngestOutcome.Skipped => "skipped",
        IngestOutcome.Rejected => "rejected",
        IngestOutcome.Read => "read",
        IngestOutcome.AlreadyHandled => "already handled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not an ingest outcome."),
    };

    /// <summary>
    /// The outcome a stored word names. A word this build does not know (written by a newer one) still says the input
    /// was handled, so it reads as <see cref="IngestOutcome.Read"/>: the input is not read again, and not counted as rejected.
    /// </summary>
    public static IngestOutcome FromWord(string word) => word switch
    {
        "queued" => IngestOutcome.Queued,
        "updated" => IngestOutcome.Updated,
        "duplicate" => IngestOutcome.Duplicate,
        "skipped" => IngestOutcome.Skipped,
        "rejected" => IngestOutcome.Rejected,
        _ => IngestOutcome.Read,
    };
}
