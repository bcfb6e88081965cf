using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.Outbox;

/// <summary>The local outbox: the full composed text, nothing cut; keys already in the file are not written again.</summary>
internal static class OutboxNetwork
{
    public const string Name = "outbox";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = ChannelLimits.Unlimited,
            Rule = limit => new Utf16LengthRule(limit),
            DefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}",
            DefuseMentionsByDefault = false,
            LinkOnlyInText = false,
        },

        // A local file: nobody to be refused by.
        Limit = ProactiveLimit.None,
        Guarantee = DeliveryGuarantee.Idempotent,
        AddChannel = OutboxServiceCollectionExtensions.AddOutboxChannel,
    };
}
