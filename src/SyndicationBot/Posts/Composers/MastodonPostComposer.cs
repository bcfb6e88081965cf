using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>Mastodon: graphemes with every URL counting 23, limit from the instance (default 500).</summary>
internal sealed class MastodonPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}";

    public string Channel => PostChannels.Mastodon;

    public PostDraft Compose(Article article, Summary summary) =>
        composition.Compose(new ChannelSpec(Channel, new MastodonLengthRule(limits.GetLimit(Channel)), DefaultTemplate, true, PlainRenderer.Render), article, summary);
}
