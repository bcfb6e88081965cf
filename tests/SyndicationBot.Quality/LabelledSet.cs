using System.Text.Json;

namespace SyndicationBot.Quality;

/// <summary>
/// Our own labelled pages: each <c>NAME.txt</c> (or <c>.html</c>) with a sidecar <c>NAME.label.json</c>
/// <c>{"url","title","language","lede","furniture":[...],"kind":"article"|"list","country"}</c>.
/// Any page without a label, label without a page, or label missing a field stops the run naming the file.
/// </summary>
internal static class LabelledSet
{
    private const string LabelSuffix = ".label.json";
    private static readonly string[] PageExtensions = [".txt", ".html", ".htm"];
    private static readonly string[] Languages = ["fr", "ar", "en"];
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "url", "title", "language", "lede", "furniture", "kind", "country",
    };

    public static ScoreBoard Measure(ProductionReader reader, string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MalformedInputException($"{directory}: no such folder (expected NAME.txt pages with NAME.label.json labels)");
        }

        var labels = Directory.GetFiles(directory, "*" + LabelSuffix).Order(StringComparer.Ordinal).ToList();
        if (labels.Count == 0)
        {
            throw new MalformedInputException($"{directory}: no *{LabelSuffix} label in it");
        }

        var pages = Directory.GetFiles(directory)
            .Where(f => PageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var labelled = labels.Select(l => Path.GetFileName(l)[..^LabelSuffix.Length]).ToHashSet(StringComparer.Ordinal);
        if (pages.Keys.FirstOrDefault(p => !labelled.Contains(p)) is { } unlabelled)
        {
            throw new MalformedInputException($"{pages[unlabelled]}: has no {unlabelled}{LabelSuffix} next to it (label it or remove it)");
        }

        var board = new ScoreBoard($"labelled set ({directory})", [.. Languages, "MA", "elsewhere"]);
        var scorer = new PageScorer(reader, board);
        foreach (var label in labels)
        {
            var name = Path.GetFileName(label)[..^LabelSuffix.Length];
            if (!pages.TryGetValue(name, out var page))
            {
                throw new MalformedInputException($"{label}: has no page {name}.txt or {name}.html next to it");
            }

            scorer.Score(Read(label, name), page, File.ReadAllBytes(page));
        }

        return board;
    }

    private static PageExpectation Read(string path, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException exception)
        {
            throw new MalformedInputException($"{path}: is not valid JSON ({exception.Message})", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedInputException($"{path}: must be a JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    throw new MalformedInputException($"{path}: unknown field \"{property.Name}\" (known: {string.Join(", ", KnownFields)})");
                }
            }

            var url = Required(root, path, "url");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new MalformedInputException($"{path}: \"url\" must be an absolute http(s) URL, not \"{url}\"");
            }

            var kind = Required(root, path, "kind");
            if (kind is not ("article" or "list"))
            {
                throw new MalformedInputException($"{path}: \"kind\" must be \"article\" or \"list\", not \"{kind}\"");
            }

            var language = Required(root, path, "language");
            if (!Languages.Contains(language, StringComparer.Ordinal))
            {
                throw new MalformedInputException($"{path}: \"language\" must be one of {string.Join(", ", Languages)}, not \"{language}\"");
            }

            var isList = kind == "list";
            var title = isList ? Optional(root, path, "title") : Required(root, path, "title");
            var lede = isList ? Optional(root, path, "lede") : Required(root, path, "lede");
            var country = Optional(root, path, "country");
            var groups = new List<string> { language, string.Equals(country, "MA", StringComparison.Ordinal) ? "MA" : "elsewhere" };
            return new PageExpectation(name, groups, isList, title, language, isList ? null : lede, Furniture(root, path), ReferenceBody: null);
        }
    }

    private static string Required(JsonElement root, string path, string field) =>
        Optional(root, path, field) is { Length: > 0 } value
            ? value
            : throw new MalformedInputException($"{path}: \"{field}\" is missing or empty");

    private static string? Optional(JsonElement root, string path, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new MalformedInputException($"{path}: \"{field}\" must be a string");
    }

    private static List<string> Furniture(JsonElement root, string path)
    {
        if (!root.TryGetProperty("furniture", out var value))
        {
            throw new MalformedInputException($"{path}: \"furniture\" is missing (use [] when the page has none)");
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new MalformedInputException($"{path}: \"furniture\" must be an array of strings");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!).Where(s => s.Trim().Length > 0)];
    }
}
