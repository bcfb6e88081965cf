namespace SyndicationBot.Articles;

/// <summary>What an extractor found in one page or feed item, before language and hashing.</summary>
internal sealed record PageContent(
    string Title,
    IReadOnlyList<string> Paragraphs,
    Uri? Url = null,
    DateTimeOffset? PublishedAt = null,
    string? Author = null,
    Uri? ImageUrl = null,
    IReadOnlyList<string>? Tags = null,
    string? LanguageHint = null,
    string? Guid = null);
