using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts;

/// <summary>
/// What one network's posts look like, declared once in its network descriptor and read by every part of
/// <c>Posts/</c> (the composer, <see cref="ChannelLimits"/>, the options validator). Every part a network must
/// decide is <c>required</c>, so a forgotten one is a compile error, not a silent default.
/// </summary>
internal sealed record PostFormat
{
    /// <summary>The channel name (also the key under <c>Posts:Channels</c> and <c>Channels:</c>).</summary>
    public required string Channel { get; init; }

    /// <summary>The length limit before any run-time change (<see cref="ChannelLimits.Unlimited"/> for none).</summary>
    public required int DefaultLimit { get; init; }

    /// <summary>The network's length rule at a given limit.</summary>
    public required Func<int, ILengthRule> Rule { get; init; }

    /// <summary>The layout used when <c>Posts:Channels:{channel}:Template</c> is not set.</summary>
    public required string DefaultTemplate { get; init; }

    /// <summary>Whether <c>@handles</c> are defused unless configured otherwise (networks that notify on mentions).</summary>
    public required bool DefuseMentionsByDefault { get; init; }

    /// <summary>Whether the text is the only place the link travels, so a configured template must keep <c>{url}</c>.</summary>
    public required bool LinkOnlyInText { get; init; }

    /// <summary>How the fitted pieces become the text sent (plain text unless the network has markup).</summary>
    public Func<List<PostPiece>, string> Render { get; init; } = PlainRenderer.Render;

    /// <summary>A shorter text for the link when even the link alone does not fit.</summary>
    public Func<Uri, string>? ShortLinkText { get; init; }

    /// <summary>What the network adds to a composed draft (Bluesky: facets and the link card).</summary>
    public Func<PostDraft, Article, Summary, PostDraft>? Finish { get; init; }
}
