using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Ingestion.Routing;
using Xunit;

namespace SyndicationBot.Tests.Ingestion.Routing;

public sealed class ArticleRouterTests
{
    private static readonly string[] Enabled = ["x-fr", "x-ar", "outbox"];

    [Fact]
    public void Route_NoRoutingConfigured_EveryEnabledChannel()
    {
        // Arrange
        var target = CreateTarget(new RoutingOptions());

        // Act
        var decision = target.Route(Article("fr"), feed: null, Enabled);

        // Assert
        Assert.Null(decision.SkipReason);
        Assert.Equal(Enabled, decision.Channels.Select(c => c.Channel));
    }

    [Fact]
    public void Route_ByLanguage_OnlyTheMatchingAccountWithTheReason()
    {
        // Arrange
        var target = CreateTarget(ByLanguage());

        // Act
        var french = target.Route(Article("fr"), feed: null, Enabled);
        var arabic = target.Route(Article("ar"), feed: null, Enabled);

        // Assert
        var fr = Assert.Single(french.Channels);
        Assert.Equal(("x-fr", "route 'french': language fr"), (fr.Channel, fr.Because));
        Assert.Equal("x-ar", Assert.Single(arabic.Channels).Channel);
    }

    [Fact]
    public void Route_NoRuleMatchesAndNoDefault_SkippedSayingWhyForEachRule()
    {
        // Arrange
        var target = CreateTarget(ByLanguage());

        // Act
        var decision = target.Route(Article("en"), feed: null, Enabled);

        // Assert
        Assert.Empty(decision.Channels);
        Assert.Equal(
            "no route sends it anywhere and there is no default route (Routing:Default): route 'french': wants language fr (it is en); route 'arabic': wants language ar (it is en)",
            decision.SkipReason);
    }

    [Fact]
    public void Route_NoRuleMatches_DefaultRoute()
    {
        // Arrange
        var options = ByLanguage();
        options.Default.Add("outbox");
        var target = CreateTarget(options);

        // Act
        var decision = target.Route(Article("en"), feed: null, Enabled);

        // Assert
        var channel = Assert.Single(decision.Channels);
        Assert.Equal(("outbox", "default route (no rule matched)"), (channel.Channel, channel.Because));
    }

    [Fact]
    public void Route_RoutedOnlyToDisabledChannel_SkippedNamingIt()
    {
        // Arrange
        var target = CreateTarget(ByLanguage());

        // Act
        var decision = target.Route(Article("fr"), feed: null, ["outbox"]);

        // Assert
        Assert.Equal("its routes send it only to channels that are not enabled (x-fr)", decision.SkipReason);
    }

    [Theory]
    [InlineData("lemonde", null, true)]
    [InlineData("LeMonde", null, true)]
    [InlineData("other", null, false)]
    [InlineData(null, "seeds/fr/page.txt", true)]
    [InlineData(null, "seeds/fr/2026/page.txt", true)]
    [InlineData(null, "seeds/france/page.txt", false)]
    public void Route_BySource_FeedNameOrFolder(string? feed, string? path, bool expected)
    {
        // Arrange
        var target = CreateTarget(new RoutingOptions { Routes = [new RouteOptions { Channels = ["x-fr"], Sources = ["lemonde", "fr"] }] });
        var article = Article("fr") with { Source = path ?? "https://lemonde.example/rss" };

        // Act
        var decision = target.Route(article, feed, Enabled);

        // Assert
        Assert.Equal(expected, decision.Channels.Count == 1);
    }

    [Fact]
    public void Route_ByFolderPath_UnderThatFolderOnly()
    {
        // Arrange
        var target = CreateTarget(new RoutingOptions { Routes = [new RouteOptions { Channels = ["x-ar"], Sources = ["seeds/ar"] }] });

        // Act
        var inside = target.Route(Article("ar") with { Source = "/srv/bot/seeds/ar/page.txt" }, null, Enabled);
        var outside = target.Route(Article("ar") with { Source = "/srv/bot/other/ar/page.txt" }, null, Enabled);

        // Assert
        Assert.Single(inside.Channels);
        Assert.Empty(outside.Channels);
    }

    [Theory]
    [InlineData("Maroc", "Le MAROC et la Chine", true)]
    [InlineData("Maroc", "Le marocain en Chine", false)]
    [InlineData("securite", "Partenariat de sécurité", true)]
    [InlineData("الأمن", "تعزيز الأمن في المغرب", true)]
    [InlineData("北京", "北京发布新规", true)]
    public void Route_IncludeKeyword_WholeWordsCaseAndAccentsIgnored(string keyword, string title, bool expected)
    {
        // Arrange
        var target = CreateTarget(new RoutingOptions { Routes = [new RouteOptions { Channels = ["x-fr"], Include = [keyword] }] });

        // Act
        var decision = target.Route(Article("fr") with { Title = title }, null, Enabled);

        // Assert
        Assert.Equal(expected, decision.Channels.Count == 1);
    }

    [Fact]
    public void Route_ExcludeKeywordInTheLead_RuleDoesNotMatch()
    {
        // Arrange
        var target = CreateTarget(new RoutingOptions { Routes = [new RouteOptions { Name = "sport-free", Channels = ["x-fr"], Exclude = ["football"] }] });

        // Act
        var decision = target.Route(Article("fr") with { Paragraphs = ["Le match de football a eu lieu hier soir.", "Suite."] }, null, Enabled);

        // Assert
        Assert.Contains("route 'sport-free': excludes the word 'football', which the headline or lead has", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_ByTagAndSeveralRules_UnionHoldWins()
    {
        // Arrange
        var target = CreateTarget(new RoutingOptions
        {
            Routes =
            [
                new RouteOptions { Name = "all", Channels = ["outbox"] },
                new RouteOptions { Name = "politics", Channels = ["outbox", "x-fr"], Tags = ["Politique"], Approval = ApprovalMode.Hold },
            ],
        });

        // Act
        var decision = target.Route(Article("fr") with { Tags = ["politique"] }, null, Enabled);

        // Assert
        Assert.Equal(["outbox", "x-fr"], decision.Channels.Select(c => c.Channel));
        Assert.All(decision.Channels, c => Assert.True(c.Hold));
        Assert.Equal("route 'all': every article; route 'politics': tag Politique", decision.Channels[0].Because);
    }

    private static RoutingOptions ByLanguage() => new()
    {
        Routes =
        [
            new RouteOptions { Name = "french", Channels = ["x-fr"], Languages = ["fr"] },
            new RouteOptions { Name = "arabic", Channels = ["X-AR"], Languages = ["ar"] },
        ],
    };

    private static Article Article(string language) =>
        new("seeds/page.txt", "Le port bat son record", ["Le port a traité 9 millions de conteneurs."], language, null, null, null, null, [], "hash");

    private static ArticleRouter CreateTarget(RoutingOptions options) =>
        new(Options.Create(options), new HostingEnvironment { ContentRootPath = "/srv/bot" });
}
