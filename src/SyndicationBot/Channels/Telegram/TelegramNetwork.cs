using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Channels.Telegram;

/// <summary>Telegram: HTML parse mode, headline in bold, visible text at most 4096 UTF-16 units, no dedupe.</summary>
internal static class TelegramNetwork
{
    public const string Name = "telegram";

    public static NetworkDescriptor Descriptor { get; } = new()
    {
        Post = new PostFormat
        {
            Channel = Name,
            DefaultLimit = 4096,
            Rule = limit => new Utf16LengthRule(limit),
            DefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}",
            DefuseMentionsByDefault = false,
            LinkOnlyInText = true,
            Render = TelegramHtmlRenderer.Render,
        },

        // Telegram: about 20 messages per minute into one group or channel.
        Limit = new(20, TimeSpan.FromMinutes(1)),
        Guarantee = DeliveryGuarantee.None,
        AddChannel = TelegramServiceCollectionExtensions.AddTelegramChannel,
    };
}
