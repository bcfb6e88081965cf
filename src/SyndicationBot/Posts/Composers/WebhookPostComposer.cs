using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>Webhook: the text is the summary; title, link and language travel as their own fields.</summary>
internal sealed class WebhookPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{summary}";

    public string Channel => PostChannels.Webhook;

    public PostDraft Compose(Article article, Summary summary) =>
        composition.Compose(new ChannelSpec(Channel, new Utf16LengthRule(limits.GetLimit(Channel)), DefaultTemplate, false, PlainRenderer.Render), article, summary);
}
