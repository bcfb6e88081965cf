namespace SyndicationBot.Articles.Text;

/// <summary>Metadata a scraped page declares about itself (front matter or "Key: value" lines), first value wins.</summary>
internal sealed class PageMetadata
{
    public string? Title { get; set; }

    public Uri? Url { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? Author { get; set; }

    public Uri? ImageUrl { get; set; }

    public string? Language { get; set; }

    public List<string> Tags { get; } = [];

    /// <summary>Applies one key/value pair; false when the key is not metadata or the value does not fit it.</summary>
    public bool TryApply(string key, string value)
    {
        value = Unquote(value.Trim());
        if (value.Length == 0)
        {
            return false;
        }

        switch (key.Trim().ToLowerInvariant())
        {
            case "url" or "link" or "canonical" or "canonical_url" or "source" or "source_url" or "permalink":
                var uri = UrlCanonicalizer.TryCanonicalize(value);
                if (uri is null)
                {
                    return false;
                }

                Url ??= uri;
                return true;
            case "title" or "headline":
                Title ??= TextNormalizer.NormalizeInline(value);
                return true;
            case "published" or "date" or "published_at" or "pubdate" or "published_time":
                if (!DateParser.TryParse(value, out var date, out var other) || other > 24)
                {
                    return false;
                }

                PublishedAt ??= date;
                return true;
            case "author" or "byline":
                Author ??= TextNormalizer.NormalizeInline(value);
                return true;
            case "image" or "og:image":
                var image = UrlCanonicalizer.TryCanonicalize(value);
                ImageUrl ??= image;
                return image is not null;
            case "lang" or "language":
                Language ??= value.Split('-', '_')[0].ToLowerInvariant();
                return true;
            case "tags" or "keywords" or "categories":
                AddTags(value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                return true;
            default:
                return false;
        }
    }

    // A value written in quotes ("Title: \"…\"") loses its pair; a quote that belongs to the text (a headline that opens
    // or closes on a quotation: 'We Got Her!': …) is kept, so only a matching pair around a quote-free inside is removed.
    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] && value.AsSpan(1, value.Length - 2).IndexOf(value[0]) < 0
            ? value[1..^1].Trim()
            : value;

    public void AddTags(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            var clean = TextNormalizer.NormalizeInline(tag.Trim('"', '\'', '#'));
            if (clean.Length > 0 && !Tags.Contains(clean, StringComparer.OrdinalIgnoreCase))
            {
                Tags.Add(clean);
            }
        }
    }
}
