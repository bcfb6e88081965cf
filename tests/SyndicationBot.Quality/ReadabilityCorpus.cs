using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace SyndicationBot.Quality;

/// <summary>
/// Mozilla Readability's test pages: <c>source.html</c>, <c>expected.html</c> (one extractor's article body, the
/// reference for precision and recall), <c>expected-metadata.json</c> (title and language). Real-site pages are
/// scored apart from the hand-made unit fixtures, which test one cleaning rule each and say nothing of real sites.
/// </summary>
internal static class ReadabilityCorpus
{
    public const string RealSites = "real sites";
    public const string Fixtures = "fixtures";

    // A reference lede is the first <p> of expected.html with at least this many words: shorter ones are
    // datelines, captions and kickers, not the paragraph a reader starts with.
    private const int LedeMinWords = 8;

    // Chosen by reading each page: lorem ipsum or a few lines made to test one rule (and 001, a short personal page
    // kept by Readability as its first smoke test). Every other folder is a page saved from a real site.
    private static readonly HashSet<string> FixtureNames = new(StringComparer.Ordinal)
    {
        "001", "003-metadata-preferred", "004-metadata-space-separated-properties", "005-unescape-html-entities",
        "base-url", "base-url-base-element", "base-url-base-element-relative", "basic-tags-cleaning",
        "comment-inside-script-parsing", "data-url-image", "dev418", "embedded-videos", "hidden-nodes",
        "invalid-attributes", "js-link-replacement", "lazy-image-3", "metadata-content-missing", "missing-paragraphs",
        "normalize-spaces", "ol", "parsely-metadata", "remove-aria-hidden", "remove-extra-brs",
        "remove-extra-paragraphs", "remove-script-tags", "reordering-paragraphs", "replace-brs", "replace-font-tags",
        "rtl-1", "rtl-2", "rtl-3", "rtl-4", "social-buttons", "style-tags-removal", "svg-parsing",
        "title-and-h1-discrepancy", "title-en-dash", "visibility-hidden",
    };

    public static ScoreBoard Measure(ProductionReader reader, string directory, bool asText)
    {
        if (!Directory.Exists(directory))
        {
            throw new MalformedInputException($"{directory}: no such folder (expected the readability-pages corpus, one folder per page)");
        }

        var folders = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).ToList();
        if (!folders.Exists(f => File.Exists(Path.Combine(f, "source.html"))))
        {
            throw new MalformedInputException($"{directory}: no page folder with a source.html in it");
        }

        var board = new ScoreBoard($"readability-pages ({directory}) read as {(asText ? "text dumps" : "HTML")}", [RealSites, Fixtures]);
        var scorer = new PageScorer(reader, board);
        foreach (var folder in folders)
        {
            var sourcePath = Path.Combine(folder, "source.html");
            if (!File.Exists(sourcePath))
            {
                continue;
            }

            var page = Expectation(folder);
            var html = File.ReadAllText(sourcePath);
            var content = asText ? Encoding.UTF8.GetBytes(TextDumper.Dump(html)) : File.ReadAllBytes(sourcePath);
            scorer.Score(page, Path.Combine(folder, asText ? "source.txt" : "source.html"), content);
        }

        return board;
    }

    private static PageExpectation Expectation(string folder)
    {
        var name = Path.GetFileName(folder);
        var metadataPath = Path.Combine(folder, "expected-metadata.json");
        var bodyPath = Path.Combine(folder, "expected.html");
        if (!File.Exists(metadataPath) || !File.Exists(bodyPath))
        {
            throw new MalformedInputException($"{folder}: a page folder needs expected-metadata.json and expected.html next to source.html");
        }

        string? title;
        string? language;
        try
        {
            using var metadata = JsonDocument.Parse(File.ReadAllBytes(metadataPath));
            title = StringOrNull(metadata.RootElement, "title");
            language = StringOrNull(metadata.RootElement, "lang");
        }
        catch (JsonException exception)
        {
            throw new MalformedInputException($"{metadataPath}: is not valid JSON ({exception.Message})", exception);
        }

        var expectedHtml = File.ReadAllText(bodyPath);
        var reference = Tokens.Of(string.Join('\n', TextDumper.DumpBlocks(expectedHtml)));
        var groups = new[] { FixtureNames.Contains(name) ? Fixtures : RealSites };
        return new PageExpectation(name, groups, IsList: false, title, language, FirstParagraph(expectedHtml), [], reference);
    }

    private static string? FirstParagraph(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelectorAll("p")
            .Select(p => p.TextContent)
            .FirstOrDefault(text => Tokens.Of(text).Count >= LedeMinWords);
    }

    private static string? StringOrNull(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
