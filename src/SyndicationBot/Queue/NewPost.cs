using SyndicationBot.Posts;

namespace SyndicationBot.Queue;

/// <summary>A post to add to the ledger, with its scheduled time; a <paramref name="Held"/> one waits for approval (<see cref="PostStates.Entry"/>) and gets its time then.</summary>
internal sealed record NewPost(PostDraft Draft, DateTimeOffset DueAt, bool Urgent = false, bool Held = false);
