using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>Facebook Pages: the message (the link travels as its own field, PostDraft.Link).</summary>
internal sealed class FacebookPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{title}\n\n{summary}\n\n{hashtags}";

    public string Channel => PostChannels.Facebook;

    public PostDraft Compose(Article article, Summary summary) =>
        composition.Compose(new ChannelSpec(Channel, new Utf16LengthRule(limits.GetLimit(Channel)), DefaultTemplate, false, PlainRenderer.Render), article, summary);
}
