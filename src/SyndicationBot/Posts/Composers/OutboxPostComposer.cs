using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>Outbox: the full composed text, nothing cut.</summary>
internal sealed class OutboxPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}";

    public string Channel => PostChannels.Outbox;

    public PostDraft Compose(Article article, Summary summary) =>
        composition.Compose(new ChannelSpec(Channel, new Utf16LengthRule(limits.GetLimit(Channel)), DefaultTemplate, false, PlainRenderer.Render), article, summary);
}
