using SyndicationBot.Posts;

namespace SyndicationBot.Channels;

/// <summary>A published post to take back: the network's id and URL, what was sent, and why it is withdrawn.</summary>
/// <param name="PostId">The ledger id.</param>
/// <param name="IdempotencyKey">The post's key.</param>
/// <param name="RemoteId">The network's id of the post, as the publish (or the lookup) returned it.</param>
/// <param name="RemoteUrl">Its public URL, when known.</param>
/// <param name="PublishedAt">When it went out (some networks only allow a delete for a while).</param>
/// <param name="Draft">What was sent.</param>
/// <param name="Reason">The operator's (or the source's) reason, shown where the network keeps a correction note.</param>
internal sealed record RetractRequest(long PostId, string IdempotencyKey, string RemoteId, Uri? RemoteUrl, DateTimeOffset? PublishedAt, PostDraft Draft, string Reason);
