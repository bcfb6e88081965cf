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
    [Theory]
    [InlineData("Le sénateur Manchin (D-W.Va) a voté contre.")]
    [InlineData("Il est temps: time.now ou jamais.")]
    [InlineData("Selon Sportsnet.ca, le match est reporté.")]
    [InlineData("Le site Hespress.com rapporte la nouvelle.")]
    public void Compose_BareWordEndingInATld_IsNotLinked(string sentence)
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");

        // Act
        var draft = target.Compose(ComposerTestData.Short("Titre", sentence), new Summary([sentence]));

        // Assert
        Assert.Contains(sentence, draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Facets, f => f.Type == "link");
    }

    [Theory]
    [InlineData("Lire aussi https://le360.ma/politique ce soir.", "https://le360.ma/politique", "https://le360.ma/politique")]
    [InlineData("Tout est sur www.hespress.com depuis hier.", "www.hespress.com", "https://www.hespress.com")]
    [InlineData("Tout est sur WWW.Hespress.com depuis hier.", "WWW.Hespress.com", "https://WWW.Hespress.com")]
    [InlineData("Le détail sur medias24.com/economie/budget ce soir.", "medias24.com/economie/budget", "https://medias24.com/economie/budget")]
    public void Compose_WebAddressAReaderWouldClick_IsLinked(string sentence, string shown, string linkTo)
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");

        // Act
        var draft = target.Compose(ComposerTestData.Short("Titre", sentence), new Summary([sentence]));

        // Assert
        var facet = Assert.Single(draft.Facets, f => f.Type == "link");
        Assert.Equal(shown, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(draft.Text), facet.ByteStart, facet.ByteEnd - facet.ByteStart));
        Assert.Equal(linkTo, facet.Value);
    }

    [Fact]
    public void Compose_ArticleSiteNamedBare_IsLinked()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("bluesky");
        const string Sentence = "Source : lematin.ma, qui cite la DGSN.";

        // Act
        var draft = target.Compose(ComposerTestData.Short("Titre", Sentence, ComposerTestData.Link), new Summary([Sentence]));

        // Assert
        Assert.Contains(draft.Facets, f => f.Type == "link" && f.Value == "https://lematin.ma");
        Assert.Contains(draft.Facets, f => f.Type == "link" && f.Value == ComposerTestData.Link.AbsoluteUri);
    }
}
