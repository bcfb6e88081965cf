using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.X;

/// <summary>X: weighted length per twitter-text config v3 (limit 280), no idempotency key.</summary>
internal static class XNetwork
{
    public const string Name = "x";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = 280,
            Rule = limit => new XLengthRule(limit),
            DefaultTemplate = "{title}\n\n{summary}\n\n{url} {hashtags}",
            DefuseMentionsByDefault = true,
            LinkOnlyInText = true,
        },

        // POST /2/tweets: 100 per 15 min per user (Pro and pay-per-use). The Free tier (17 / 24 h) must set it.
        Limit = new(100, TimeSpan.FromMinutes(15)),
        Guarantee = DeliveryGuarantee.Lookup,
        AddChannel = XServiceCollectionExtensions.AddXChannel,
    };
}
