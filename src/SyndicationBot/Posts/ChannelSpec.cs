using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Posts;

/// <summary>One network's <see cref="PostFormat"/> with its rule at the current limit, as the shared composition uses it.</summary>
internal sealed record ChannelSpec(
    string Channel,
    ILengthRule Rule,
    string DefaultTemplate,
    bool DefuseMentionsByDefault,
    Func<List<PostPiece>, string> Render)
{
    /// <summary>A shorter text for the link when even the link alone does not fit (Bluesky; the facet keeps the full URL).</summary>
    public Func<Uri, string>? ShortLinkText { get; init; }

    /// <summary>Whether to fit at all (webhook and outbox carry the whole summary).</summary>
    public bool Unlimited => Rule.Limit == ChannelLimits.Unlimited;
}
