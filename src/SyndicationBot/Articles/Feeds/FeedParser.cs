using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using SyndicationBot.Articles.Html;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles.Feeds;

/// <summary>
/// RSS 2.0 (and RSS 1.0), Atom and JSON Feed, parsed leniently into one entry per item. Hand-written over
/// LINQ to XML and System.Text.Json rather than System.ServiceModel.Syndication, which throws on the
/// non-RFC dates and missing elements real feeds are full of, has no JSON Feed, and is reflection-heavy.
/// </summary>
internal static class FeedParser
{
    /// <summary>
    /// Items read per feed document. Real feeds carry tens of items; a feed with thousands is an archive dump,
    /// and reading all of it would cost seconds and hundreds of megabytes for items that first-run rules skip anyway.
    /// </summary>
    public const int MaxItems = 500;

    /// <summary>True when <paramref name="head"/> (the start of a document, without BOM or leading spaces) is an XML feed.</summary>
    public static bool LooksLikeXmlFeed(ReadOnlySpan<char> head) =>
        head.StartsWith("<") && (head.Contains("<rss", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="head"/> is a JSON Feed document.</summary>
    public static bool LooksLikeJsonFeed(ReadOnlySpan<char> head) =>
        head.StartsWith("{") && head.Contains("jsonfeed.org/version", StringComparison.OrdinalIgnoreCase);

    public static List<FeedEntry>? ParseXml(string text, string source, out string? failure)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                MaxCharactersFromEntities = 10_000,
                IgnoreComments = true,
            };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(reader, LoadOptions.SetBaseUri);
        }
        catch (XmlException ex)
        {
            failure = $"is a malformed XML feed: {ex.Message}";
            return null;
        }

        var root = document.Root;
        failure = null;
        switch (root?.Name.LocalName)
        {
            case "rss":
            case "RDF":
                return ParseRss(root, source);
            case "feed":
                return ParseAtom(root, source);
            default:
                failure = $"is XML but not an RSS or Atom feed (root element <{root?.Name.LocalName}>)";
                return null;
        }
    }

    public static List<FeedEntry>? ParseJson(string text, string source, out string? failure)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                failure = "is a malformed JSON Feed: it has no \"items\" array";
                return null;
            }

            var baseUri = UrlCanonicalizer.TryCanonicalize(String(root, "home_page_url"))
                ?? UrlCanonicalizer.TryCanonicalize(String(root, "feed_url"))
                ?? UrlCanonicalizer.TryCanonicalize(source);
            var language = Language(String(root, "language"));
            var entries = new List<FeedEntry>();
            var index = 0;
            foreach (var item in items.EnumerateArray().Take(MaxItems))
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    entries.Add(new FeedEntry(index, null, $"item {index} is not an object"));
                    continue;
                }

                var html = String(item, "content_html");
                var paragraphs = html is not null ? HtmlText.FragmentParagraphs(html) : PlainParagraphs(String(item, "content_text") ?? String(item, "summary"));
                var author = item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array && authors.GetArrayLength() > 0
                    ? String(authors[0], "name")
                    : item.TryGetProperty("author", out var single) && single.ValueKind == JsonValueKind.Object ? String(single, "name") : null;
                var tags = item.TryGetProperty("tags", out var tagArray) && tagArray.ValueKind == JsonValueKind.Array
                    ? tagArray.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString() ?? "").ToList()
                    : [];
                entries.Add(Entry(
                    index,
                    String(item, "title"),
                    paragraphs,
                    String(item, "url") ?? String(item, "external_url"),
                    baseUri,
                    String(item, "date_published") ?? String(item, "date_modified"),
                    author,
                    String(item, "image") ?? String(item, "banner_image"),
                    tags,
                    language,
                    String(item, "id")));
            }

            AddOverflow(entries, items.GetArrayLength());
            failure = null;
            return entries;
        }
        catch (JsonException ex)
        {
            failure = $"is a malformed JSON Feed: {ex.Message}";
            return null;
        }
    }

    private static List<FeedEntry> ParseRss(XElement root, string source)
    {
        var channel = Child(root, "channel") ?? root;
        var siteLink = UrlCanonicalizer.TryCanonicalize(Value(channel, "link"), UrlCanonicalizer.TryCanonicalize(source));
        var baseUri = BaseOf(channel) ?? siteLink ?? UrlCanonicalizer.TryCanonicalize(source);
        var language = Language(Value(channel, "language"));
        var all = channel.Elements().Where(e => e.Name.LocalName == "item").ToList();
        if (all.Count == 0)
        {
            all = [.. root.Elements().Where(e => e.Name.LocalName == "item")];
        }

        var items = all.Take(MaxItems).ToList();

        var entries = new List<FeedEntry>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var description = Value(item, "description");
            var encoded = Value(item, "encoded");
            var html = encoded is not null && (description is null || encoded.Length > description.Length) ? encoded : description;
            var guid = Child(item, "guid");
            var link = Value(item, "link")
                ?? (guid is not null && !string.Equals(guid.Attribute("isPermaLink")?.Value, "false", StringComparison.OrdinalIgnoreCase) ? guid.Value : null);
            var author = Value(item, "creator") ?? RssAuthor(Value(item, "author"));
            var image = item.Elements().FirstOrDefault(e => e.Name.LocalName == "enclosure" && (e.Attribute("type")?.Value ?? "").StartsWith("image/", StringComparison.OrdinalIgnoreCase))?.Attribute("url")?.Value
                ?? item.Elements().FirstOrDefault(e => e.Name.LocalName is "content" or "thumbnail" && e.Attribute("url") is not null && (e.Attribute("medium")?.Value ?? "image") == "image")?.Attribute("url")?.Value;
            entries.Add(Entry(
                i + 1,
                Value(item, "title"),
                html is null ? [] : HtmlText.FragmentParagraphs(html),
                link,
                BaseOf(item) ?? baseUri,
                Value(item, "pubDate") ?? Value(item, "date") ?? Value(item, "published"),
                author,
                image,
                [.. item.Elements().Where(e => e.Name.LocalName is "category" or "subject").Select(e => e.Value)],
                language,
                guid?.Value));
        }

        AddOverflow(entries, all.Count);
        return entries;
    }

    private static List<FeedEntry> ParseAtom(XElement root, string source)
    {
        var sourceUri = UrlCanonicalizer.TryCanonicalize(source);
        var feedBase = BaseOf(root) ?? sourceUri;
        var siteLink = UrlCanonicalizer.TryCanonicalize(AtomLink(root), feedBase);
        var baseUri = BaseOf(root) ?? siteLink ?? sourceUri;
        var language = Language(root.Attribute(XNamespace.Xml + "lang")?.Value);
        var entries = new List<FeedEntry>();
        var index = 0;
        foreach (var entry in root.Elements().Where(e => e.Name.LocalName == "entry").Take(MaxItems))
        {
            index++;
            var content = Child(entry, "content") ?? Child(entry, "summary");
            var author = Child(entry, "author") is { } a ? Value(a, "name") : null;
            entries.Add(Entry(
                index,
                Child(entry, "title") is { } title ? AtomText(title) : null,
                content is null ? [] : HtmlText.FragmentParagraphs(AtomText(content)),
                AtomLink(entry),
                BaseOf(entry) ?? baseUri,
                Value(entry, "published") ?? Value(entry, "updated"),
                author,
                null,
                [.. entry.Elements().Where(e => e.Name.LocalName == "category").Select(e => e.Attribute("term")?.Value ?? e.Attribute("label")?.Value ?? "")],
                Language(entry.Attribute(XNamespace.Xml + "lang")?.Value) ?? language,
                Value(entry, "id")));
        }

        AddOverflow(entries, root.Elements().Count(e => e.Name.LocalName == "entry"));
        return entries;
    }

    private static void AddOverflow(List<FeedEntry> entries, int total)
    {
        if (total > MaxItems)
        {
            entries.Add(new FeedEntry(MaxItems + 1, null, $"has {total} items; only the first {MaxItems} are read"));
        }
    }

    private static FeedEntry Entry(
        int index, string? rawTitle, List<string> paragraphs, string? link, Uri? baseUri, string? published,
        string? author, string? image, List<string> tags, string? language, string? guid)
    {
        var body = CleanBody(paragraphs);
        var title = rawTitle is null ? "" : HtmlText.Inline(rawTitle);
        if (title.Length == 0)
        {
            if (body.Count == 0)
            {
                return new FeedEntry(index, null, $"item {index} has neither a title nor text");
            }

            title = FirstSentence(body[0]);
        }

        DateTimeOffset? date = published is not null && DateParser.TryParse(published.Trim(), out var parsed, out var other) && other <= 24 ? parsed : null;
        var metadata = new PageMetadata();
        metadata.AddTags(tags);
        var page = new PageContent(
            title,
            body,
            UrlCanonicalizer.TryCanonicalize(link, baseUri),
            date,
            string.IsNullOrWhiteSpace(author) ? null : HtmlText.Inline(author),
            UrlCanonicalizer.TryCanonicalize(image, baseUri),
            metadata.Tags,
            language,
            string.IsNullOrWhiteSpace(guid) ? null : guid.Trim());
        return new FeedEntry(index, page, null);
    }

    /// <summary>Feed descriptions end with "Read more" links and "The post … appeared first on …"; keep the text above them.</summary>
    private static List<string> CleanBody(List<string> paragraphs)
    {
        var body = new List<string>(paragraphs.Count);
        foreach (var paragraph in paragraphs)
        {
            var folded = DateParser.Fold(paragraph);
            var words = paragraph.Count(c => c == ' ') + 1;
            if (TextCues.IsTrailingHeading(folded, words))
            {
                break;
            }

            if (TextCues.IsBoilerplate(folded) || TextCues.IsSocial(folded, words) || paragraph.All(c => !char.IsLetter(c)))
            {
                continue;
            }

            body.Add(paragraph);
        }

        return body;
    }

    private static string FirstSentence(string paragraph)
    {
        var end = SentenceEnd(paragraph);
        var sentence = end > 0 ? paragraph[..(end + 1)] : paragraph;
        if (sentence.Length <= 140)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', 139);
        return string.Concat(sentence.AsSpan(0, cut > 40 ? cut : 139), "…");
    }

    private static int SentenceEnd(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' or '。' or '！' or '？' or '؟' && (i + 1 == text.Length || text[i + 1] == ' ' || text[i] > '\u3000'))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> PlainParagraphs(string? text) => text is null
        ? []
        : [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(TextNormalizer.NormalizeInline).Where(p => p.Length > 0)];

    private static string AtomText(XElement element)
    {
        var type = element.Attribute("type")?.Value;
        if (type == "xhtml")
        {
            var div = element.Elements().FirstOrDefault();
            return div is null ? element.Value : string.Concat(div.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        }

        // Text constructs of type "text" may contain '<' literally; escape so the HTML reader keeps it as text.
        return type is null or "text" ? System.Net.WebUtility.HtmlEncode(element.Value) : element.Value;
    }

    private static string? AtomLink(XElement element)
    {
        var links = element.Elements().Where(e => e.Name.LocalName == "link").ToList();
        var alternate = links.FirstOrDefault(l => (l.Attribute("rel")?.Value ?? "alternate") == "alternate" && (l.Attribute("type")?.Value ?? "text/html").Contains("html", StringComparison.OrdinalIgnoreCase))
            ?? links.FirstOrDefault(l => (l.Attribute("rel")?.Value ?? "alternate") == "alternate");
        return alternate?.Attribute("href")?.Value;
    }

    private static string? RssAuthor(string? author)
    {
        if (author is null)
        {
            return null;
        }

        // RSS 2.0 says "email (Name)"; keep the name.
        var open = author.IndexOf('(', StringComparison.Ordinal);
        var close = author.LastIndexOf(')');
        return open >= 0 && close > open + 1 ? author[(open + 1)..close] : author.Contains('@', StringComparison.Ordinal) ? null : author;
    }

    private static Uri? BaseOf(XElement element)
    {
        var value = element.Attribute(XNamespace.Xml + "base")?.Value;
        return value is null ? null : UrlCanonicalizer.TryCanonicalize(value);
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Value(XElement parent, string localName) =>
        Child(parent, localName) is { } child && !string.IsNullOrWhiteSpace(child.Value) ? child.Value.Trim() : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    private static string? Language(string? code) =>
        code is { Length: >= 2 } && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]) && (code.Length == 2 || code[2] is '-' or '_')
            ? code[..2].ToLowerInvariant()
            : null;
}
