namespace SyndicationBot.Queue;

/// <summary>
/// One claim on one post: who holds it and its fencing token, a number the ledger raises at every claim of the post.
/// Recording an outcome needs the lease as claimed, so an attempt whose lease expired and was recovered (or claimed
/// again, even by the same owner) is refused instead of overwriting the newer outcome.
/// </summary>
/// <param name="PostId">The post.</param>
/// <param name="Owner">The dispatcher that claimed it (<c>{machine}/{pid}/{nonce}</c> for this build's dispatchers).</param>
/// <param name="Token">The fencing token of this claim.</param>
internal sealed record PostLease(long PostId, string Owner, long Token);
