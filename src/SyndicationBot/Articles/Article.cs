namespace SyndicationBot.Articles;

/// <summary>
/// One news article, as read from a scraped page, an HTML page or a feed item: the real headline and
/// the body paragraphs, never the page's navigation or boilerplate.
/// </summary>
/// <param name="Source">Where it came from: the file path as given, or the feed URL.</param>
/// <param name="Title">The headline, normalised (NFC, no control characters).</param>
/// <param name="Paragraphs">The body paragraphs in reading order.</param>
/// <param name="Language">ISO 639-1 code, or <c>und</c> when unsure.</param>
/// <param name="Url">The canonical article link, tracking parameters removed; null when unknown.</param>
/// <param name="PublishedAt">When the source says it was published, if it says.</param>
/// <param name="Author">The byline, if any.</param>
/// <param name="ImageUrl">A lead image (og:image), if any.</param>
/// <param name="Tags">Tags from front matter or the source's configured tags.</param>
/// <param name="ContentHash">Hex SHA-256 of the normalised headline and paragraphs.</param>
internal sealed record Article(
    string Source,
    string Title,
    IReadOnlyList<string> Paragraphs,
    string Language,
    Uri? Url,
    DateTimeOffset? PublishedAt,
    string? Author,
    Uri? ImageUrl,
    IReadOnlyList<string> Tags,
    string ContentHash)
{
    /// <summary>The feed item's GUID (RSS guid, Atom id, JSON Feed id) when the article came from a feed; it identifies the item across polls.</summary>
    public string? FeedGuid { get; init; }

    /// <summary>The identity used for de-duplication: the canonical URL when known, else the content hash.</summary>
    public string Key => Url is { } url ? "url:" + url.AbsoluteUri : "sha256:" + ContentHash;
}
