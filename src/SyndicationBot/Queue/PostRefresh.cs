using SyndicationBot.Posts;

namespace SyndicationBot.Queue;

/// <summary>New text for a post that has not gone out yet (queued or waiting to retry), composed from a newer version of its article.</summary>
internal sealed record PostRefresh(long PostId, PostDraft Draft);
