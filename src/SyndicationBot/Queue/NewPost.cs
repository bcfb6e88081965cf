using SyndicationBot.Posts;

namespace SyndicationBot.Queue;

/// <summary>A post to add to the ledger, with its scheduled time.</summary>
internal sealed record NewPost(PostDraft Draft, DateTimeOffset DueAt, bool Urgent = false);
