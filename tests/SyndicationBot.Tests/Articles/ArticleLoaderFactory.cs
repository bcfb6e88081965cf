using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles;

internal static class ArticleLoaderFactory
{
    public static ArticleLoader Create(long maxFileBytes = 5L * 1024 * 1024) =>
        new(Options.Create(new SourcesOptions { MaxFileBytes = maxFileBytes }), new LanguageIdentifier());

    public static string TestDataPath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", "Articles", .. parts]);

    public static Article AcceptedArticle(IReadOnlyList<ArticleReadResult> results)
    {
        var result = Assert.Single(results);
        var accepted = Assert.IsType<ArticleReadResult.Accepted>(result, exactMatch: false);
        return accepted.Article;
    }

    public static string RejectedReason(IReadOnlyList<ArticleReadResult> results)
    {
        var result = Assert.Single(results);
        var rejected = Assert.IsType<ArticleReadResult.Rejected>(result);
        return rejected.Reason;
    }
}
