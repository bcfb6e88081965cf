using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.Bluesky;

/// <summary>Bluesky: at most 300 graphemes and 3000 UTF-8 bytes, facets and a link card, a record key derived from the post.</summary>
internal static class BlueskyNetwork
{
    public const string Name = "bluesky";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = 300,
            Rule = limit => new BlueskyLengthRule(limit),
            DefaultTemplate = "{title}\n\n{summary}\n\n{url} {hashtags}",
            DefuseMentionsByDefault = true,
            LinkOnlyInText = true,

            // The facet keeps the full URL, so the text may show the app's short form when the whole one does not fit.
            ShortLinkText = BlueskyPostComposer.ShortLink,
            Finish = BlueskyPostComposer.Finish,
        },

        // 5,000 repo-write points per hour, 3 points per create.
        Limit = new(1666, TimeSpan.FromHours(1)),
        Guarantee = DeliveryGuarantee.Idempotent,
        AddChannel = BlueskyServiceCollectionExtensions.AddBlueskyChannel,
    };
}
