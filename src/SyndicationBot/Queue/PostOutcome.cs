namespace SyndicationBot.Queue;

/// <summary>What to write to the ledger after an attempt (or an operator action).</summary>
internal abstract record PostOutcome
{
    private PostOutcome()
    {
    }

    /// <summary>Published with the network's id and URL.</summary>
    public sealed record Published(string? RemoteId, Uri? RemoteUrl, string? Note = null) : PostOutcome;

    /// <summary>Try again at <paramref name="NextAttemptAt"/>.</summary>
    public sealed record RetryAt(DateTimeOffset NextAttemptAt, string Error) : PostOutcome;

    /// <summary>Permanently failed with the reason.</summary>
    public sealed record Failed(string Error) : PostOutcome;

    /// <summary>Skipped by policy with the reason.</summary>
    public sealed record Skipped(string Reason) : PostOutcome;

    /// <summary>The outcome is unknown and cannot be resolved safely.</summary>
    public sealed record InDoubt(string Reason) : PostOutcome;

    /// <summary>Back to Queued with the lease released, attempt not counted as failed (e.g. shutdown, paused channel).</summary>
    public sealed record Released(DateTimeOffset DueAt, string? Note = null) : PostOutcome;

    /// <summary>Cancelled by the operator.</summary>
    public sealed record Cancelled : PostOutcome;
}
