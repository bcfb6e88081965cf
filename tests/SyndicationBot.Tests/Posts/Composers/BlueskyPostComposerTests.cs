using System.Text;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class BlueskyPostComposerTests
{
    [Fact]
    public void Compose_LinkAndTags_FacetsPointAtTheirUtf8Bytes()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");
        var article = ComposerTestData.Short("Sécurité : l’été 🇲🇦", "Une réunion a eu lieu.", new Uri("https://a.ma/p"), tags: ["Maroc", "sécurité"]);

        // Act
        var draft = target.Compose(article, new Summary(["Une réunion a eu lieu."]));

        // Assert
        Assert.Equal("Sécurité : l’été 🇲🇦\n\nUne réunion a eu lieu.\n\nhttps://a.ma/p #Maroc #sécurité", draft.Text);
        byte[] bytes = Encoding.UTF8.GetBytes(draft.Text);
        Assert.Equal(
            [new TextFacet("link", 58, 72, "https://a.ma/p"), new TextFacet("tag", 73, 79, "Maroc"), new TextFacet("tag", 80, 91, "sécurité")],
            draft.Facets);
        Assert.Equal("https://a.ma/p", Encoding.UTF8.GetString(bytes, 58, 14));
        Assert.Equal("#sécurité", Encoding.UTF8.GetString(bytes, 80, 11));
    }

    [Fact]
    public void Compose_WithLink_CarriesAnExternalCard()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal(new LinkCard(ComposerTestData.Link, ComposerTestData.Seed().Title, ComposerTestData.SeedSummary.Sentences[0], null), draft.Embed);
        Assert.InRange(draft.Length, 1, 300);
        Assert.Equal("fr", draft.Language);
    }

    [Fact]
    public void Compose_WithoutLink_HasNoCardAndNoLinkFacet()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(), ComposerTestData.SeedSummary);

        // Assert
        Assert.Null(draft.Embed);
        Assert.DoesNotContain(draft.Facets, f => f.Type == "link");
    }

    [Fact]
    public void Compose_LinkLongerThan300Graphemes_ShowsItShortenedAndLinksTheWholeUrl()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");
        var link = new Uri("https://news.example.com/" + new string('p', 320));

        // Act
        var draft = target.Compose(ComposerTestData.Short("Titre", "Une phrase.", link), new Summary(["Une phrase."]));

        // Assert
        Assert.Equal("Titre\n\nUne phrase.\n\nnews.example.com/pppppppppppp…", draft.Text);
        var facet = Assert.Single(draft.Facets);
        Assert.Equal(new TextFacet("link", 20, 20 + 29 + 3, link.AbsoluteUri), facet);
    }
}
