namespace SyndicationBot.Channels;

/// <summary>What a network guarantees when the same post is sent again after an unknown outcome.</summary>
internal enum DeliveryGuarantee
{
    /// <summary>The network dedupes on our idempotency key (outbox, Mastodon Idempotency-Key, Bluesky record key): resend safely.</summary>
    Idempotent,

    /// <summary>No dedupe, but the channel can look the post up (<see cref="IChannel.LookupAsync"/>) before resending.</summary>
    Lookup,

    /// <summary>No dedupe and no lookup (X, Telegram, Facebook, webhook): an unknown outcome becomes InDoubt for the operator.</summary>
    None,
}
