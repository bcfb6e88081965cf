using System.Text;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Feeds;
using Xunit;

namespace SyndicationBot.Tests.Articles;

public sealed class ArticleLoaderRobustnessTests
{
    [Fact]
    public void Load_ArbitraryBytes_NeverThrowsAndAlwaysAnswers()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act & Assert
        Gen.Byte.Array[0, 2000].Sample(bytes =>
        {
            var results = loader.Load("fuzz.bin", bytes);
            Assert.NotEmpty(results);
            Assert.All(results.OfType<ArticleReadResult.Rejected>(), r => Assert.StartsWith("fuzz.bin ", r.Reason, StringComparison.Ordinal));
        }, iter: 300);
    }

    [Fact]
    public void Load_ArbitraryText_NeverThrowsAndOutputHasNoControlOrReplacementCharacters()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var line = Gen.OneOf(
            Gen.String[0, 40],
            Gen.Const("Le ministre a annoncé lundi une réforme importante du système éducatif marocain, attendue depuis des années."),
            Gen.Const("22:37"),
            Gen.Const("-"),
            Gen.Const("<rss><channel><item><title>x</title></item></channel></rss>"),
            Gen.Const("Par Karim Benali"));
        var page = line.Array[1, 30].Select(lines => string.Join('\n', lines));

        // Act & Assert
        page.Sample(text =>
        {
            foreach (var result in loader.Load("fuzz.txt", Encoding.UTF8.GetBytes(text)))
            {
                if (result is ArticleReadResult.Accepted { Article: var article })
                {
                    foreach (var value in article.Paragraphs.Prepend(article.Title))
                    {
                        Assert.DoesNotContain(value, c => c == '\uFFFD' || (char.IsControl(c) && c != '\n'));
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Load_FiveMegabytePage_AcceptedFromItsBeginning()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var builder = new StringBuilder("Un titre pour une page géante\n");
        for (var i = 0; builder.Length < 4_900_000; i++)
        {
            builder.Append("Le paragraphe ").Append(i).Append(" décrit la coopération entre les deux pays et les échanges d’expertise dans la durée.\n");
        }

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("huge.txt", Encoding.UTF8.GetBytes(builder.ToString())));

        // Assert
        Assert.Equal("Un titre pour une page géante", article.Title);
        Assert.Equal("fr", article.Language);
    }

    [Fact]
    public void Load_SameParagraphRepeatedThroughoutPage_RejectedAsBoilerplate()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var page = "Un titre\n" + string.Concat(Enumerable.Repeat("Abonnez-vous pour lire la suite de cet article réservé aux membres du club des lecteurs.\n", 20));

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("paywall.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.Equal("paywall.txt is timeline-only or boilerplate-only: none of its 21 lines is running text with sentences.", reason);
    }

    [Fact]
    public void AddArticles_FeedFetcher_ResolvesWithItsHttpClients()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddArticles();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // Act
        var fetcher = provider.GetService<FeedFetcher>();

        // Assert
        Assert.NotNull(fetcher);
    }
}
