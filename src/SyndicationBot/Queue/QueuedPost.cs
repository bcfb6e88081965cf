using SyndicationBot.Posts;

namespace SyndicationBot.Queue;

/// <summary>A post as the ledger holds it.</summary>
internal sealed record QueuedPost(
    long Id,
    string ArticleKey,
    string ArticleTitle,
    string Channel,
    PostDraft Draft,
    string IdempotencyKey,
    PostState State,
    DateTimeOffset DueAt,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string? RemoteId,
    Uri? RemoteUrl,
    DateTimeOffset? PublishedAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    bool Urgent = false,
    long LeaseToken = 0)
{
    /// <summary>The claim on the post while it is leased (<see cref="PostState.Publishing"/>), else null.</summary>
    public PostLease? Lease => LeaseOwner is { } owner ? new PostLease(Id, owner, LeaseToken) : null;
}
