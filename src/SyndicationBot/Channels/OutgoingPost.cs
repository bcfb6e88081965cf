using SyndicationBot.Posts;

namespace SyndicationBot.Channels;

/// <summary>A queued post handed to a channel for one attempt.</summary>
/// <param name="PostId">The ledger id.</param>
/// <param name="IdempotencyKey">Stable for the post's whole life; derived from the article and channel.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Draft">The composed post.</param>
/// <param name="DueAt">
/// When the post fell due: no attempt of it left before then, so a lookup need not search the account further back
/// (less a margin for clocks). Null when unknown: the lookup searches its whole reach.
/// </param>
internal sealed record OutgoingPost(long PostId, string IdempotencyKey, int Attempt, PostDraft Draft, DateTimeOffset? DueAt = null);
