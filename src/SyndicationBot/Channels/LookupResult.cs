namespace SyndicationBot.Channels;

/// <summary>
/// What a network said when asked whether an earlier attempt of a post reached it. Only <see cref="NotFound"/>
/// allows a resend: a lookup that could not be made (network down, rate limited, credentials refused) leaves the
/// post for a later try.
/// </summary>
internal abstract record LookupResult
{
    private LookupResult()
    {
    }

    /// <summary>The network holds the post: it is published with this id and URL.</summary>
    public sealed record Found(PublishResult.Published Post) : LookupResult;

    /// <summary>The network answered and the post is not there: sending it (again) cannot double it.</summary>
    public sealed record NotFound : LookupResult;

    /// <summary>The question could not be answered now; ask again, not before <paramref name="NotBefore"/> when given.</summary>
    public sealed record Unavailable(string Reason, DateTimeOffset? NotBefore = null) : LookupResult;

    /// <summary>The one <see cref="NotFound"/>.</summary>
    public static LookupResult Absent { get; } = new NotFound();

    /// <summary>A <see cref="Unavailable"/> from a publish result that refused the lookup's request (rate limit, auth, 5xx).</summary>
    public static Unavailable From(PublishResult refusal) => refusal switch
    {
        PublishResult.RetryLater retry => new Unavailable(retry.Reason, retry.NotBefore),
        PublishResult.AuthFailed auth => new Unavailable("credentials refused: " + auth.Reason),
        PublishResult.Rejected rejected => new Unavailable("refused: " + rejected.Reason),
        PublishResult.Unknown unknown => new Unavailable(unknown.Reason),
        PublishResult.Duplicate duplicate => new Unavailable(duplicate.Detail),
        _ => new Unavailable(refusal.GetType().Name),
    };
}
