namespace SyndicationBot.Queue;

/// <summary>What became of one input. Stored in the ledger, and shown by <c>ingest</c>, as the lowercase word (<see cref="IngestOutcomeWords"/>).</summary>
internal enum IngestOutcome
{
    /// <summary>A new article: its posts were queued.</summary>
    Queued,

    /// <summary>A known article changed at the source: its unsent posts took the new text, or update posts were queued.</summary>
    Updated,

    /// <summary>The same story is already in the ledger (or its change is not worth a post); nothing was queued.</summary>
    Duplicate,

    /// <summary>Left out on purpose (too old, first sight of a feed's archive).</summary>
    Skipped,

    /// <summary>Bad input (empty, binary, too large, only boilerplate, or composing failed); never retried.</summary>
    Rejected,

    /// <summary>A multi-item input (a feed file) whose items each have their own record.</summary>
    Read,

    /// <summary>Reported (never stored) for an input read again after it was handled; the record's <c>Earlier</c> says how.</summary>
    AlreadyHandled,
}
