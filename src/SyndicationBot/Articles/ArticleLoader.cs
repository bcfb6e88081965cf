using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles;

/// <summary>
/// Reads one input into articles: checks size and shape, decodes, normalises, then extracts by content
/// (a scraped text page today; HTML pages and feeds are recognised by their first bytes).
/// </summary>
internal sealed class ArticleLoader(IOptions<SourcesOptions> options, LanguageIdentifier languages) : IArticleLoader
{
    private const int LanguageSampleChars = 120;

    public IReadOnlyList<ArticleReadResult> Load(string source, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(source);
        var limit = options.Value.MaxFileBytes;
        if (content.Length > limit)
        {
            return [Reject(source, $"is oversized: {FormatBytes(content.Length)} is over the {FormatBytes(limit)} limit (Sources:MaxFileBytes)")];
        }

        if (content.IsEmpty)
        {
            return [Reject(source, "is empty (0 bytes)")];
        }

        if (BinarySniffer.Describe(content) is { } binary)
        {
            return [Reject(source, $"is binary ({binary}), not a text page or feed")];
        }

        if (!TextDecoder.TryDecode(content, out var raw, out var encoding, out var failure))
        {
            return [Reject(source, $"is undecodable: it {failure}")];
        }

        if (BinarySniffer.HasControlNoise(raw))
        {
            return [Reject(source, $"is binary: decoded as {encoding} it is mostly control characters")];
        }

        var text = TextNormalizer.NormalizeDocument(raw);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [Reject(source, "is empty (only whitespace)")];
        }

        var page = ScrapedPageExtractor.Extract(text, out var reason);
        return page is null ? [Reject(source, reason ?? "has no article text")] : [Accept(source, page)];
    }

    internal ArticleReadResult Accept(string source, PageContent page)
    {
        var title = TextNormalizer.NormalizeInline(page.Title);
        List<string> paragraphs = [.. page.Paragraphs.Select(TextNormalizer.NormalizeInline).Where(p => p.Length > 0)];
        if (title.Length == 0)
        {
            return Reject(source, "has no headline");
        }

        var language = page.LanguageHint is { Length: 2 } hint ? hint : languages.Identify(LanguageSample(title, paragraphs));
        var article = new Article(
            source,
            title,
            paragraphs,
            language,
            page.Url,
            page.PublishedAt,
            page.Author is { } author ? TextNormalizer.NormalizeInline(author) : null,
            page.ImageUrl,
            page.Tags ?? [],
            ContentHasher.Hash(title, paragraphs));
        return new ArticleReadResult.Accepted(article);
    }

    private static string LanguageSample(string title, List<string> paragraphs)
    {
        // Body text identifies a language better than a headline full of names; the title helps short items.
        if (paragraphs.Count == 0)
        {
            return title;
        }

        var first = paragraphs[0];
        return first.Length >= LanguageSampleChars || paragraphs.Count == 1
            ? first
            : string.Join(' ', paragraphs.Take(3));
    }

    private static ArticleReadResult.Rejected Reject(string source, string reason) => new(source, $"{source} {reason}.");

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB ({bytes} bytes)"
        : $"{bytes} bytes";
}
