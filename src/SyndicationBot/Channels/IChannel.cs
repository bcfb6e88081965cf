namespace SyndicationBot.Channels;

/// <summary>
/// One social network (or the local outbox). Implementations turn an <see cref="OutgoingPost"/> into one
/// network call and classify the answer into a <see cref="PublishResult"/>; they never throw for an
/// expected outcome (rate limit, auth failure, validation error), only for bugs.
/// </summary>
internal interface IChannel
{
    /// <summary>The channel name, as used in configuration and in the ledger (<c>x</c>, <c>mastodon</c>, …).</summary>
    string Name { get; }

    /// <summary>True when the operator enabled this channel; disabled channels get no posts queued.</summary>
    bool Enabled { get; }

    /// <summary>What the network guarantees when the same post is sent twice; decides in-doubt recovery.</summary>
    DeliveryGuarantee Guarantee { get; }

    /// <summary>Sends the post once. Cancellation means the outcome is unknown to the caller.</summary>
    Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken);

    /// <summary>
    /// Looks up whether an earlier attempt of this post reached the network, for channels whose
    /// <see cref="Guarantee"/> is <see cref="DeliveryGuarantee.Lookup"/>. <see cref="LookupResult.NotFound"/> only
    /// when the network answered and the post is not there; anything that keeps the question open (a failed
    /// request, a rate limit, a network that cannot be asked) is <see cref="LookupResult.Unavailable"/>.
    /// </summary>
    Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a published post back: deletes it, or edits it to carry a correction note, as the network allows
    /// (each channel's choice is documented on its class). Never throws for an expected outcome.
    /// </summary>
    Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken);
}
