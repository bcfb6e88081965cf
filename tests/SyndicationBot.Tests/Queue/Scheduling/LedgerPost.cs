using SyndicationBot.Posts;
using SyndicationBot.Queue;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>One post as the in-memory ledger keeps it.</summary>
internal sealed class LedgerPost(long id, string channel, DateTimeOffset dueAt, bool urgent)
{
    private DateTimeOffset readyAt = Truncate(dueAt);
    private DateTimeOffset? publishedAt;

    public long Id { get; } = id;

    public string Channel { get; } = channel;

    /// <summary>The due time given at enqueue; a deferral does not change it.</summary>
    public DateTimeOffset DueAt { get; } = Truncate(dueAt);

    /// <summary>When the dispatcher may claim it next (the due time, or where a deferral moved it).</summary>
    public DateTimeOffset ReadyAt
    {
        get => readyAt;
        set => readyAt = Truncate(value);
    }

    public bool Urgent { get; } = urgent;

    public PostState State { get; set; } = PostState.Queued;

    public DateTimeOffset? PublishedAt
    {
        get => publishedAt;
        set => publishedAt = value is { } at ? Truncate(at) : null;
    }

    public string? Reason { get; set; }

    public QueuedPost ToQueuedPost() => new(
        Id,
        ArticleKey: $"article-{Id}",
        ArticleTitle: $"Article {Id}",
        Channel,
        new PostDraft(Channel, $"Post {Id}", 6, 280),
        IdempotencyKey: $"key-{Id}",
        State,
        DueAt,
        Attempts: 0,
        NextAttemptAt: null,
        LastError: null,
        RemoteId: null,
        RemoteUrl: null,
        PublishedAt,
        LeaseOwner: null,
        LeaseExpiresAt: null,
        Urgent);

    private static DateTimeOffset Truncate(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds()).ToOffset(instant.Offset);
}
