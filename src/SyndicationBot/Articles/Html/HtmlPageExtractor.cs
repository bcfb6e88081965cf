using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles.Html;

/// <summary>
/// An HTML page: metadata from Open Graph, the canonical link and article:published_time; the main content
/// from SmartReader (a Readability port); then the same structural scoring as scraped text, so captions,
/// share bars and "read more" lists inside the content fall away as they do in text pages.
/// </summary>
internal static class HtmlPageExtractor
{
    private const int MaxElementsForReadability = 5000;
    private const int MaxDepthForReadability = 48;

    private static readonly Uri LocalBase = new("http://localhost/");

    public static PageContent? Extract(string html, string source, out string? failure)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument(HtmlPrefilter.BoundNesting(html, HtmlPrefilter.MaxDepth, out var depth));
        var metadata = ReadMetadata(document, source);

        var baseUri = metadata.Url ?? UrlCanonicalizer.TryCanonicalize(source) ?? LocalBase;
        var paragraphs = MainContent(document, baseUri, depth);
        if (paragraphs.Count == 0)
        {
            failure = "is an HTML page without text";
            return null;
        }

        var page = ScrapedPageExtractor.Extract(string.Join('\n', paragraphs), metadata, out failure);
        if (page is null)
        {
            failure = "is an HTML page whose text " + failure?.Replace("is timeline-only", "is navigation-only", StringComparison.Ordinal);
        }

        return page;
    }

    private static List<string> MainContent(IHtmlDocument document, Uri baseUri, int depth)
    {
        // Readability scoring grows faster than the page; beyond a few thousand elements (no real article has
        // that many) the structural reading of the whole body is both faster and as good.
        // Its cost also grows steeply with depth (a chain of 64 nested blocks takes it most of a second): a page
        // nested deeper than real ones are is read structurally too.
        if (document.All.Length > MaxElementsForReadability || depth > MaxDepthForReadability)
        {
            return document.Body is null ? [] : HtmlText.Paragraphs(document.Body);
        }

        // SmartReader rewrites the document it is given; read it from a copy so the fallback still has the page.
        var copy = new HtmlParser().ParseDocument(document.DocumentElement.OuterHtml);
        var reader = new SmartReader.Reader(baseUri.AbsoluteUri, copy) { Debug = false };
        var article = reader.GetArticle();
        if (article.IsReadable && !string.IsNullOrWhiteSpace(article.Content))
        {
            var content = HtmlText.FragmentParagraphs(article.Content);
            if (content.Count > 0)
            {
                return content;
            }
        }

        return document.Body is null ? [] : HtmlText.Paragraphs(document.Body);
    }

    private static PageMetadata ReadMetadata(IHtmlDocument document, string source)
    {
        var metadata = new PageMetadata();
        var title = Meta(document, "og:title") ?? Meta(document, "twitter:title") ?? SingleHeading(document) ?? document.Title;
        if (!string.IsNullOrWhiteSpace(title))
        {
            metadata.TryApply("title", HtmlText.Inline(title));
        }

        var baseUri = UrlCanonicalizer.TryCanonicalize(source);
        var url = Meta(document, "og:url") ?? document.QuerySelector("link[rel='canonical']")?.GetAttribute("href");
        if (UrlCanonicalizer.TryCanonicalize(url, baseUri) is { } canonical)
        {
            metadata.Url = canonical;
        }

        var published = Meta(document, "article:published_time") ?? Meta(document, "og:published_time") ?? Meta(document, "date")
            ?? Meta(document, "pubdate") ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        if (published is not null)
        {
            metadata.TryApply("published", published);
        }

        var author = Meta(document, "author") ?? Meta(document, "article:author");
        if (author is not null && UrlCanonicalizer.TryCanonicalize(author) is null)
        {
            metadata.TryApply("author", author);
        }

        if (UrlCanonicalizer.TryCanonicalize(Meta(document, "og:image"), metadata.Url ?? baseUri) is { } image)
        {
            metadata.ImageUrl = image;
        }

        var keywords = Meta(document, "keywords");
        if (keywords is not null)
        {
            metadata.TryApply("tags", keywords);
        }

        var lang = document.DocumentElement.GetAttribute("lang");
        if (lang is { Length: >= 2 } && char.IsAsciiLetter(lang[0]) && char.IsAsciiLetter(lang[1]) && (lang.Length == 2 || lang[2] is '-' or '_'))
        {
            metadata.Language = lang[..2].ToLowerInvariant();
        }

        return metadata;
    }

    private static string? SingleHeading(IHtmlDocument document)
    {
        var headings = document.QuerySelectorAll("h1");
        return headings.Length == 1 ? headings[0].TextContent : null;
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (key is not null && key.Equals(name, StringComparison.OrdinalIgnoreCase)
                && meta.GetAttribute("content") is { Length: > 0 } content && !string.IsNullOrWhiteSpace(content))
            {
                return content.Trim();
            }
        }

        return null;
    }
}
