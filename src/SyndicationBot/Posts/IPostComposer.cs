using SyndicationBot.Articles;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts;

/// <summary>Composes the post for one network from an article and its summary, inside that network's length rule.</summary>
internal interface IPostComposer
{
    /// <summary>The channel name this composer writes for.</summary>
    string Channel { get; }

    /// <summary>Composes the post. Never returns a post over the network's limit.</summary>
    PostDraft Compose(Article article, Summary summary);
}
