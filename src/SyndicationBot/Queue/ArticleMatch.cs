namespace SyndicationBot.Queue;

/// <summary>How the ledger knows an incoming article.</summary>
internal abstract record ArticleMatch
{
    private ArticleMatch()
    {
    }

    /// <summary>Never seen: neither its identity (URL, feed GUID, file) nor its content is in the ledger.</summary>
    public sealed record Unknown : ArticleMatch;

    /// <summary>The same story is already there: this very version, or the same content or headline and lead under another identity.</summary>
    /// <param name="Reason">What matched, for the operator.</param>
    public sealed record Duplicate(string Reason) : ArticleMatch;

    /// <summary>A known article (same identity) whose content changed at the source since its latest recorded version.</summary>
    /// <param name="LeadChanged">The headline or the opening of the lead changed (not only case, punctuation, spacing or later paragraphs).</param>
    /// <param name="UpdateRevisions">How many of its versions already carried update posts.</param>
    /// <param name="LastUpdateAt">When the latest of those was recorded, or null.</param>
    /// <param name="LatestPosts">The newest post of each channel across all its versions.</param>
    public sealed record Changed(bool LeadChanged, int UpdateRevisions, DateTimeOffset? LastUpdateAt, IReadOnlyList<QueuedPost> LatestPosts) : ArticleMatch;
}
