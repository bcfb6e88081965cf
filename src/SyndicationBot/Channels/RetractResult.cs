namespace SyndicationBot.Channels;

/// <summary>What a network did with a retraction: the post is gone, corrected in place, out of reach, or still to do.</summary>
internal abstract record RetractResult
{
    private RetractResult()
    {
    }

    /// <summary>The post was deleted (or was already gone: the network no longer holds it).</summary>
    public sealed record Deleted(string Detail) : RetractResult;

    /// <summary>The post was edited in place to carry a correction note (where a delete is not possible or not wanted).</summary>
    public sealed record Corrected(string Note) : RetractResult;

    /// <summary>The network offers no way to take this post back (an event a receiver already handled, a Telegram message past 48 h and not editable).</summary>
    public sealed record NotPossible(string Why) : RetractResult;

    /// <summary>The request failed (rate limit, outage, credentials): try again, not before <paramref name="NotBefore"/> when given.</summary>
    public sealed record Failed(string Reason, DateTimeOffset? NotBefore = null) : RetractResult;

    /// <summary>A <see cref="Failed"/> from a classified refusal of the delete or edit request.</summary>
    public static Failed From(PublishResult refusal) => refusal switch
    {
        PublishResult.RetryLater retry => new Failed(retry.Reason, retry.NotBefore),
        PublishResult.AuthFailed auth => new Failed("credentials refused: " + auth.Reason),
        PublishResult.Rejected rejected => new Failed("refused: " + rejected.Reason),
        PublishResult.Unknown unknown => new Failed(unknown.Reason),
        PublishResult.Duplicate duplicate => new Failed(duplicate.Detail),
        _ => new Failed(refusal.GetType().Name),
    };
}
