using SyndicationBot.Articles;
using SyndicationBot.Summaries;
using SyndicationBot.Tests.Summaries;

namespace SyndicationBot.Tests.Posts.Composers;

internal static class ComposerTestData
{
    public static readonly Uri Link = new("https://www.lematin.ma/nation/hammouchi-chine-partenariat-securitaire/123456");

    public static Article Seed(Uri? url = null, IReadOnlyList<string>? tags = null) => SeedArticle.Create(url, tags);

    public static Summary SeedSummary => new([
        SeedArticle.Paragraphs[0][..(SeedArticle.Paragraphs[0].IndexOf(" Cette", StringComparison.Ordinal))],
        SeedArticle.Paragraphs[0][(SeedArticle.Paragraphs[0].IndexOf("Cette", StringComparison.Ordinal))..],
    ]);

    public static Article Short(string title, string body, Uri? url = null, string language = "fr", IReadOnlyList<string>? tags = null) =>
        new("test", title, [body], language, url, null, null, null, tags ?? [], "hash");
}
