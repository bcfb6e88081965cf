using System.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles;

public sealed class ArticleLoaderLargeHtmlTests
{
    [Fact]
    public void Load_FiveMegabyteHtmlWithArticleAfterHugeScripts_ExtractsTheArticle()
    {
        // Arrange: 4 MB of inlined state before the article, as single-page-app news sites ship it.
        var builder = new StringBuilder("<!doctype html><html lang=\"en\"><head><title>Port doubles its capacity</title><script>window.__STATE__=[");
        while (builder.Length < 4 * 1024 * 1024)
        {
            builder.Append("{\"title\":\"Another story </p> with markup\"},\n");
        }

        builder.Append("0];</script><style>p{margin:0}</style></head><body><article><h1>Port doubles its capacity</h1>");
        for (var p = 0; p < 5; p++)
        {
            builder.Append("<p>Morocco on Friday opened a new terminal at the Tanger Med port complex, a project that officials say will double the container capacity of the country. Part ")
                .Append(p).Append(".</p>");
        }

        builder.Append("</article>");
        while (builder.Length < (5 * 1024 * 1024) - 1000)
        {
            builder.Append("<svg viewBox=\"0 0 24 24\"><path d=\"M12 2L2 7l10 5 10-5-10-5z\"/></svg>\n");
        }

        builder.Append("</body></html>");
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("big.html", Encoding.UTF8.GetBytes(builder.ToString())));

        // Assert
        Assert.Equal("Port doubles its capacity", article.Title);
        Assert.Equal(5, article.Paragraphs.Count);
        Assert.StartsWith("Morocco on Friday opened a new terminal", article.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal("en", article.Language);
    }
}
