namespace SyndicationBot.Posts;

/// <summary>
/// A post composed for one network, ready to queue: the text exactly as it will be sent, its length by
/// the network's own counting rule, and the network-specific extras (facets, link card, thread parts).
/// </summary>
/// <param name="Channel">The channel name (<c>x</c>, <c>mastodon</c>, <c>bluesky</c>, <c>telegram</c>, <c>facebook</c>, <c>webhook</c>, <c>outbox</c>).</param>
/// <param name="Text">The text as sent (for Telegram: the HTML source).</param>
/// <param name="Length">The length by the network's rule (for Telegram: the visible text).</param>
/// <param name="Limit">The network's limit under that rule.</param>
internal sealed record PostDraft(string Channel, string Text, int Length, int Limit)
{
    /// <summary>The article's language (ISO 639-1) or <c>und</c>.</summary>
    public string Language { get; init; } = "und";

    /// <summary>The article link carried by the post, if any.</summary>
    public Uri? Link { get; init; }

    /// <summary>The article headline, for channels that send it as its own field (webhook, link cards).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Bluesky rich-text facets (UTF-8 byte offsets into <see cref="Text"/>).</summary>
    public IReadOnlyList<TextFacet> Facets { get; init; } = [];

    /// <summary>Bluesky external link card, when the article has a link.</summary>
    public LinkCard? Embed { get; init; }

    /// <summary>Further posts of a thread, in order, when the channel has threads enabled; empty otherwise.</summary>
    public IReadOnlyList<PostDraft> ThreadReplies { get; init; } = [];
}

/// <summary>A rich-text span: <paramref name="Type"/> is <c>link</c> or <c>tag</c>; offsets are UTF-8 bytes, end exclusive.</summary>
internal sealed record TextFacet(string Type, int ByteStart, int ByteEnd, string Value);

/// <summary>An external link card (Bluesky <c>app.bsky.embed.external</c>).</summary>
internal sealed record LinkCard(Uri Uri, string Title, string Description, Uri? Thumb);
