using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.Facebook;

/// <summary>Facebook Pages: the message (the link travels as its own field, <see cref="PostDraft.Link"/>), no dedupe.</summary>
internal static class FacebookNetwork
{
    public const string Name = "facebook";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = 63206,
            Rule = limit => new Utf16LengthRule(limit),
            DefaultTemplate = "{title}\n\n{summary}\n\n{hashtags}",
            DefuseMentionsByDefault = false,
            LinkOnlyInText = false,
        },

        // Graph API page calls: 200 per hour per user is the documented floor (UNCERTAIN for pages with many fans).
        Limit = new(200, TimeSpan.FromHours(1)),
        Guarantee = DeliveryGuarantee.Lookup,
        AddChannel = FacebookServiceCollectionExtensions.AddFacebookChannel,
    };
}
