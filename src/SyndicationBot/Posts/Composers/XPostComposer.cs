using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>X: weighted length per twitter-text config v3, limit 280.</summary>
internal sealed class XPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{title}\n\n{summary}\n\n{url} {hashtags}";

    public string Channel => PostChannels.X;

    public PostDraft Compose(Article article, Summary summary) =>
        composition.Compose(new ChannelSpec(Channel, new XLengthRule(limits.GetLimit(Channel)), DefaultTemplate, true, PlainRenderer.Render), article, summary);
}
