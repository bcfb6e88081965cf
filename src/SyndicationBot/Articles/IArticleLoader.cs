namespace SyndicationBot.Articles;

/// <summary>
/// Turns the raw bytes of one input (a scraped text page, an HTML page, a feed file) into articles.
/// Never throws for bad input: a bad input becomes a <see cref="ArticleReadResult.Rejected"/> that names
/// the source and what is wrong. A feed yields one result per item.
/// </summary>
internal interface IArticleLoader
{
    /// <summary>Reads one input. <paramref name="source"/> is the path or URL as given (used in results and errors).</summary>
    IReadOnlyList<ArticleReadResult> Load(string source, ReadOnlySpan<byte> content);
}
