using System.Globalization;

namespace SyndicationBot.Articles;

/// <summary>The <c>Sources:MaxArticleAge</c> rule, shared by feeds and the seed folder.</summary>
internal static class ArticleAge
{
    /// <summary>Why <paramref name="article"/> is too old to post, or null when it may be posted (undated articles always may).</summary>
    public static string? SkipReason(Article article, TimeSpan? maxAge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (maxAge is not { } limit || article.PublishedAt is not { } published)
        {
            return null;
        }

        var age = now - published;
        return age > limit
            ? string.Create(CultureInfo.InvariantCulture, $"published {published.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {FormatAge(age)} ago, older than Sources:MaxArticleAge ({FormatAge(limit)})")
            : null;
    }

    private static string FormatAge(TimeSpan age) => age.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.#} days")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.#} hours");
}
