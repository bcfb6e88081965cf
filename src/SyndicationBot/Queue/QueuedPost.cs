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
    bool Urgent = false);
