using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Feeds;
using SyndicationBot.Articles.Html;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles;

/// <summary>
/// Reads one input into articles: checks size and shape, decodes, normalises, then extracts by content
/// (RSS/Atom and JSON Feed by their first characters, HTML by its tags or extension, else a scraped text page).
/// </summary>
internal sealed class ArticleLoader(IOptions<SourcesOptions> options, LanguageIdentifier languages) : IArticleLoader
{
    private const int LanguageSampleChars = 140;
    private const int SniffChars = 1024;
    private const int MaxPageTextBytes = 512 * 1024;

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

        // Feeds must be parsed whole; a page's article is near its top, and no article is a megabyte long, so
        // a huge page is read from its first MaxPageTextBytes only. That bounds time and memory per input.
        // A large HTML page is mostly scripts, styles and icons: those go first, so the bounded prefix keeps the article.
        var readable = LooksLikeFeedBytes(content) ? content
            : content.Length > MaxPageTextBytes && !IsUtf16(content) && LooksLikeHtmlBytes(source, content) ? HtmlPrefilter.Strip(content, MaxPageTextBytes)
            : TextDecoder.Prefix(content, MaxPageTextBytes);
        if (!TextDecoder.TryDecode(readable, out var raw, out var encoding, out var failure))
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

        var head = text.AsSpan(0, Math.Min(text.Length, SniffChars)).TrimStart();
        if (FeedParser.LooksLikeXmlFeed(head))
        {
            return Feed(source, FeedParser.ParseXml(text, source, out var xmlFailure), xmlFailure);
        }

        if (FeedParser.LooksLikeJsonFeed(head))
        {
            return Feed(source, FeedParser.ParseJson(text, source, out var jsonFailure), jsonFailure);
        }

        var page = LooksLikeHtml(source, head)
            ? HtmlPageExtractor.Extract(text, source, out var reason)
            : ScrapedPageExtractor.Extract(text, out reason);
        return page is null ? [Reject(source, reason ?? "has no article text")] : [Accept(source, page)];
    }

    private IReadOnlyList<ArticleReadResult> Feed(string source, List<FeedEntry>? entries, string? failure)
    {
        if (entries is null)
        {
            return [Reject(source, failure ?? "is a malformed feed")];
        }

        if (entries.Count == 0)
        {
            return [Reject(source, "is a feed with no items")];
        }

        return [.. entries.Select(e => e.Page is { } page ? Accept(source, page) : Reject(source, e.Rejection ?? $"item {e.Index} is unreadable"))];
    }

    private static bool LooksLikeFeedBytes(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, SniffChars)];
        var start = 0;
        while (start < head.Length && (head[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
        {
            start++;
        }

        head = head[start..];
        return (head.StartsWith("<"u8) && (head.IndexOf("<rss"u8) >= 0 || head.IndexOf("<feed"u8) >= 0 || head.IndexOf("<rdf:RDF"u8) >= 0))
            || (head.StartsWith("{"u8) && head.IndexOf("jsonfeed.org"u8) >= 0);
    }

    private static bool IsUtf16(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    private static bool LooksLikeHtmlBytes(string source, ReadOnlySpan<byte> content)
    {
        if (source.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Span<byte> head = stackalloc byte[Math.Min(content.Length, SniffChars)];
        content[..head.Length].CopyTo(head);
        for (var i = 0; i < head.Length; i++)
        {
            head[i] = head[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(head[i] | 0x20) : head[i];
        }

        var start = head.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF]);
        return start >= 0 && head[start] == (byte)'<'
            && (head.IndexOf("<html"u8) >= 0 || head.IndexOf("<!doctype html"u8) >= 0 || head.IndexOf("<head"u8) >= 0 || head.IndexOf("<body"u8) >= 0);
    }

    private static bool LooksLikeHtml(string source, ReadOnlySpan<char> head) =>
        source.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
        || source.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)
        || (head.StartsWith("<") && (head.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<head", StringComparison.OrdinalIgnoreCase)));

    internal ArticleReadResult Accept(string source, PageContent page)
    {
        var title = TextNormalizer.NormalizeInline(page.Title);
        var paragraphs = new List<string>(page.Paragraphs.Count);
        var textLength = 0;
        foreach (var paragraph in page.Paragraphs)
        {
            var normalized = TextNormalizer.NormalizeInline(paragraph);
            if (normalized.Length > 0)
            {
                paragraphs.Add(normalized);
                textLength += normalized.Length;
            }
        }

        if (title.Length == 0)
        {
            return Reject(source, "has no headline");
        }

        // What the text says wins over what the page declares (sites ship templates with a fixed lang).
        // A feed item with a headline only is too short to identify reliably; the feed's declared language is better.
        var shortText = textLength < 60;
        var language = shortText && page.LanguageHint is { Length: 2 } declared ? declared : languages.Identify(LanguageSample(title, paragraphs));
        if (language == LanguageIdentifier.Undetermined && page.LanguageHint is { Length: 2 } hint)
        {
            language = hint;
        }

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
            ContentHasher.Hash(title, paragraphs))
        {
            FeedGuid = page.Guid,
        };
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
