using SyndicationBot.Posts;

namespace SyndicationBot.Channels;

/// <summary>A queued post handed to a channel for one attempt.</summary>
/// <param name="PostId">The ledger id.</param>
/// <param name="IdempotencyKey">Stable for the post's whole life; derived from the article and channel.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Draft">The composed post.</param>
internal sealed record OutgoingPost(long PostId, string IdempotencyKey, int Attempt, PostDraft Draft);
