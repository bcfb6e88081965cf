using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using Xunit;

namespace SyndicationBot.Tests.Articles;

public sealed class SourcesOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Arrange
        var validator = new SourcesOptionsValidator();

        // Act
        var result = validator.Validate(null, new SourcesOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_BadValues_FailsNamingEveryKey()
    {
        // Arrange
        var validator = new SourcesOptionsValidator();
        var options = new SourcesOptions
        {
            SeedsPath = " ",
            MaxFileBytes = 0,
            MaxArticleAge = TimeSpan.FromHours(-1),
            Feeds =
            {
                new FeedSourceOptions { Name = "lemonde", Url = "https://www.lemonde.fr/rss/une.xml" },
                new FeedSourceOptions { Name = "LeMonde", Url = "ftp://example.org/feed", PollInterval = TimeSpan.FromSeconds(5), FirstRunNewest = -1, Tags = { "" } },
            },
        };

        // Act
        var result = validator.Validate(null, options);

        // Assert
        Assert.Equal(
            "Sources:SeedsPath must name a folder.; "
            + "Sources:MaxFileBytes must be between 1 and 1073741824 bytes (was 0).; "
            + "Sources:MaxArticleAge must be positive or absent (was -01:00:00).; "
            + "Sources:Feeds:1:Name 'LeMonde' is used by another feed.; "
            + "Sources:Feeds:1:Url must be an absolute http(s) URL or a local file path (was 'ftp://example.org/feed').; "
            + "Sources:Feeds:1:PollInterval must be at least 00:00:30 (was 00:00:05).; "
            + "Sources:Feeds:1:FirstRunNewest must be 0 or more (was -1).; "
            + "Sources:Feeds:1:Tags:0 is empty.",
            result.FailureMessage);
    }

    [Theory]
    [InlineData("https://example.org/feed.xml", true)]
    [InlineData("http://127.0.0.1:5000/rss", true)]
    [InlineData("feeds/local.xml", true)]
    [InlineData("/var/feeds/local.json", true)]
    [InlineData("ftp://example.org/feed", false)]
    [InlineData("", false)]
    public void IsUsableLocation_Location_MatchesRule(string location, bool expected)
    {
        // Act
        var usable = SourcesOptionsValidator.IsUsableLocation(location);

        // Assert
        Assert.Equal(expected, usable);
    }

    [Fact]
    public void AddArticles_InvalidConfiguration_StartupValidationNamesKey()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sources:MaxFileBytes"] = "-5",
                ["Sources:Feeds:0:Name"] = "wire",
                ["Sources:Feeds:0:Url"] = "https://example.org/rss",
                ["Sources:Feeds:0:PollInterval"] = "00:05:00",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddArticles();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SourcesOptions>>().Value);

        // Assert
        Assert.Contains("Sources:MaxFileBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddArticles_ValidConfiguration_ResolvesLoaderThatReadsTheSeed()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sources:Feeds:0:Name"] = "wire",
                ["Sources:Feeds:0:Url"] = "https://example.org/rss",
                ["Sources:Feeds:0:Tags:0"] = "maroc",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddArticles();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var seed = File.ReadAllBytes(ArticleLoaderFactory.TestDataPath("Pages", "seed_fr_timeline.txt"));

        // Act
        var options = provider.GetRequiredService<IOptions<SourcesOptions>>().Value;
        var results = provider.GetRequiredService<IArticleLoader>().Load("seed.txt", seed);

        // Assert
        Assert.Equal("wire", Assert.Single(options.Feeds).Name);
        Assert.Equal(["maroc"], options.Feeds[0].Tags);
        Assert.Equal(1, options.Feeds[0].FirstRunNewest);
        Assert.Equal(5L * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal("Hammouchi et la Chine renforcent le partenariat sécuritaire", ArticleLoaderFactory.AcceptedArticle(results).Title);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:10:01")]
    public void Validate_FetchTimeoutOutOfRange_FailsNamingTheKeyAndValue(string timeout)
    {
        // Arrange
        var validator = new SourcesOptionsValidator();

        // Act
        var result = validator.Validate(null, new SourcesOptions { FetchTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        // Assert
        Assert.Equal($"Sources:FetchTimeout must be more than 0 and at most 00:10:00 (was {timeout}).", result.FailureMessage);
    }
}
