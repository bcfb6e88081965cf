using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles.Html;

/// <summary>
/// An HTML page: metadata from Open Graph, the canonical link and article:published_time; the main content
/// from SmartReader (a Readability port), kept whole but for the furniture inside it (captions, credits, share lines,
/// a trailing "read more" block of teasers), which the scraped-text reader's line measures recognise.
/// </summary>
internal static class HtmlPageExtractor
{
    private const int MaxElementsForReadability = 5000;
    private const int MaxDepthForReadability = 48;

    private static readonly Uri LocalBase = new("http://localhost/");

    public static PageContent? Extract(string html, string source, out string? failure)
    {
        var bounded = HtmlPrefilter.BoundNesting(html, HtmlPrefilter.MaxDepth, out var depth);
        var document = new HtmlParser().ParseDocument(bounded);
        var metadata = ReadMetadata(document, source);

        var baseUri = metadata.Url ?? UrlCanonicalizer.TryCanonicalize(source) ?? LocalBase;
        var paragraphs = MainContent(document, bounded, baseUri, depth, out var isMainContent);
        if (paragraphs.Count == 0)
        {
            failure = "is an HTML page without text";
            return null;
        }

        // What SmartReader keeps is the article; only furniture inside it (captions, share lines, a "read more" tail)
        // is removed. The whole body, read without it, is scored like scraped text.
        var page = ScrapedPageExtractor.Extract(string.Join('\n', paragraphs), metadata, out failure, isMainContent);
        if (page is null)
        {
            failure = "is an HTML page whose text " + failure?.Replace("is timeline-only", "is navigation-only", StringComparison.Ordinal);
        }

        return page;
    }

    private static List<string> MainContent(IHtmlDocument document, string html, Uri baseUri, int depth, out bool isMainContent)
    {
        isMainContent = false;

        // Readability scoring grows faster than the page; beyond a few thousand elements (no real article has
        // that many) the structural reading of the whole body is both faster and as good.
        // Its cost also grows steeply with depth (a chain of 64 nested blocks takes it most of a second): a page
        // nested deeper than real ones are is read structurally too.
        if (document.All.Length > MaxElementsForReadability || depth > MaxDepthForReadability)
        {
            return document.Body is null ? [] : HtmlText.Paragraphs(document.Body);
        }

        // SmartReader rewrites the document it is given: the metadata has been read already, and the rare page it
        // finds unreadable is parsed again for the structural reading (cheaper than copying every page first).
        var reader = new SmartReader.Reader(baseUri.AbsoluteUri, document) { Debug = false };
        var article = reader.GetArticle();
        if (article.IsReadable && !string.IsNullOrWhiteSpace(article.Content))
        {
            var content = HtmlText.FragmentParagraphs(article.Content);
            if (content.Count > 0)
            {
                isMainContent = true;
                return content;
            }
        }

        var fresh = new HtmlParser().ParseDocument(html);
        return fresh.Body is null ? [] : HtmlText.Paragraphs(fresh.Body);
    }

    private static PageMetadata ReadMetadata(IHtmlDocument document, string source)
    {
        var metadata = new PageMetadata();
        var title = Meta(document, "og:title") ?? Meta(document, "twitter:title") ?? DocumentTitle(document);
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

    // <title> names the page; a lone <h1> is as often the site's or section's name as the headline. The <h1> wins
    // only where <title> is that heading plus the site's name ("Headline | Site"), or where there is no <title>.
    private static string? DocumentTitle(IHtmlDocument document)
    {
        var title = TextNormalizer.NormalizeInline(document.Title ?? "");
        var headings = document.QuerySelectorAll("h1");
        var heading = headings.Length == 1 ? TextNormalizer.NormalizeInline(headings[0].TextContent) : "";
        if (title.Length == 0)
        {
            return heading.Length > 0 ? heading : null;
        }

        return heading.Length >= 8 && heading.Length < title.Length
            && (title.StartsWith(heading, StringComparison.Ordinal) || title.EndsWith(heading, StringComparison.Ordinal))
            ? heading
            : title;
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
