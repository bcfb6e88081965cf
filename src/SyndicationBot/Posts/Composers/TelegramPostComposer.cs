using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>Telegram: HTML parse mode, headline in bold, visible text at most 4096 UTF-16 units.</summary>
internal sealed class TelegramPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}";

    public string Channel => PostChannels.Telegram;

    public PostDraft Compose(Article article, Summary summary) =>
        composition.Compose(new ChannelSpec(Channel, new Utf16LengthRule(limits.GetLimit(Channel)), DefaultTemplate, false, TelegramHtmlRenderer.Render), article, summary);
}
