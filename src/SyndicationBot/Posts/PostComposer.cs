using SyndicationBot.Articles;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts;

/// <summary>The composer of one network: its <see cref="PostFormat"/> applied through the shared composition.</summary>
internal sealed class PostComposer(PostFormat format, PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public string Channel => format.Channel;

    public PostDraft Compose(Article article, Summary summary)
    {
        var spec = new ChannelSpec(Channel, format.Rule(limits.GetLimit(Channel)), format.DefaultTemplate, format.DefuseMentionsByDefault, format.Render)
        {
            ShortLinkText = format.ShortLinkText,
        };
        var draft = composition.Compose(spec, article, summary);
        return format.Finish is { } finish ? finish(draft, article, summary) : draft;
    }
}
