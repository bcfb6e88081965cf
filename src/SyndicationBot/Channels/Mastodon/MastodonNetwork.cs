using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>Mastodon: graphemes with every URL counting 23, limit from the instance (default 500), <c>Idempotency-Key</c>.</summary>
internal static class MastodonNetwork
{
    public const string Name = "mastodon";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = 500,
            Rule = limit => new MastodonLengthRule(limit),
            DefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}",
            DefuseMentionsByDefault = true,
            LinkOnlyInText = true,
        },

        // Mastodon's statuses family: 300 per 3 hours per account.
        Limit = new(300, TimeSpan.FromHours(3)),
        Guarantee = DeliveryGuarantee.Idempotent,
        AddChannel = MastodonServiceCollectionExtensions.AddMastodonChannel,
    };
}
