using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.Webhook;

/// <summary>Webhook: the text is the whole summary; title, link and language travel as their own fields; no dedupe.</summary>
internal static class WebhookNetwork
{
    public const string Name = "webhook";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = ChannelLimits.Unlimited,
            Rule = limit => new Utf16LengthRule(limit),
            DefaultTemplate = "{summary}",
            DefuseMentionsByDefault = false,
            LinkOnlyInText = false,
        },

        // Discord: 30 messages per minute per webhook, the tightest of the common receivers.
        Limit = new(30, TimeSpan.FromMinutes(1)),
        Guarantee = DeliveryGuarantee.None,
        AddChannel = WebhookServiceCollectionExtensions.AddWebhookChannel,
    };
}
