using SyndicationBot.Articles;
using Xunit;

namespace SyndicationBot.Tests.Articles;

public sealed class ArticleLoaderFeedTests
{
    private static IReadOnlyList<ArticleReadResult> LoadFeed(string file, string? source = null)
    {
        var path = ArticleLoaderFactory.TestDataPath("Feeds", file);
        return ArticleLoaderFactory.Create().Load(source ?? path, File.ReadAllBytes(path));
    }

    [Fact]
    public void Load_RssWithHtmlDescriptions_OneArticlePerItemWithTextMetadataAndNoMarkup()
    {
        // Act
        var results = LoadFeed("rss_html_descriptions.xml", "https://www.exemple-info.ma/rss/economie.xml");

        // Assert
        Assert.Equal(2, results.Count);
        var first = Assert.IsType<ArticleReadResult.Accepted>(results[0]).Article;
        Assert.Equal("Le dirham se stabilise face à l’euro", first.Title);
        Assert.Equal(
            [
                "Le dirham marocain s’est stabilisé cette semaine face à l’euro, après plusieurs mois de légère dépréciation, selon les données publiées par la banque centrale.",
                "Les analystes attribuent ce mouvement à la hausse des recettes touristiques et des transferts des Marocains résidant à l’étranger.",
            ],
            first.Paragraphs);
        Assert.Equal("https://www.exemple-info.ma/economie/dirham-euro", first.Url?.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 13, 5, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal("Karim Benali", first.Author);
        Assert.Equal("exemple-info-48213", first.FeedGuid);
        Assert.Equal(["Économie", "Finance"], first.Tags);
        Assert.Equal("fr", first.Language);
        Assert.Equal("https://www.exemple-info.ma/rss/economie.xml", first.Source);

        var second = Assert.IsType<ArticleReadResult.Accepted>(results[1]).Article;
        Assert.Equal(
            ["Les exportations du secteur automobile ont atteint un niveau record sur les dix premiers mois de l’année, portées par les usines de Tanger et de Kénitra."],
            second.Paragraphs);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), second.PublishedAt);
    }

    [Fact]
    public void Load_AtomWithRelativeLinks_ResolvesLinksAgainstSiteAndStripsHtmlFromTitles()
    {
        // Act
        var results = LoadFeed("atom_relative_links.xml");

        // Assert
        Assert.Equal(2, results.Count);
        var first = Assert.IsType<ArticleReadResult.Accepted>(results[0]).Article;
        Assert.Equal("Solar auctions in North Africa are getting cheaper", first.Title);
        Assert.Equal("https://blog.example.org/posts/solar-auctions-north-africa", first.Url?.AbsoluteUri);
        Assert.Equal(["The latest round of solar auctions in Morocco and Tunisia closed this week with record-low bids.", "Developers point to cheaper panels and better financing terms."], first.Paragraphs);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal("Sam Lee", first.Author);
        Assert.Equal("tag:blog.example.org,2026:post-118", first.FeedGuid);
        Assert.Equal("en", first.Language);

        var second = Assert.IsType<ArticleReadResult.Accepted>(results[1]).Article;
        Assert.Equal("https://blog.example.org/posts/grid-lines-lag", second.Url?.AbsoluteUri);
        Assert.Equal(["Transmission lines are not being built at the same pace as new solar and wind farms, grid operators warn."], second.Paragraphs);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero), second.PublishedAt);
    }

    [Fact]
    public void Load_JsonFeed_ItemsBecomeArticlesAndAnEmptyItemIsRejectedWithItsIndex()
    {
        // Act
        var results = LoadFeed("json_feed.json", "feeds/noticias.json");

        // Assert
        Assert.Equal(3, results.Count);
        var first = Assert.IsType<ArticleReadResult.Accepted>(results[0]).Article;
        Assert.Equal("Marruecos y España refuerzan la cooperación contra los incendios", first.Title);
        Assert.Equal(["Los gobiernos de España y Marruecos firmaron este viernes un acuerdo para coordinar los medios aéreos en la lucha contra los incendios forestales."], first.Paragraphs);
        Assert.Equal("https://noticias.example.es/2026/11/27/incendios", first.Url?.AbsoluteUri);
        Assert.Equal("https://noticias.example.es/img/hidroavion.jpg", first.ImageUrl?.AbsoluteUri);
        Assert.Equal("María García", first.Author);
        Assert.Equal(["incendios", "Marruecos"], first.Tags);
        Assert.Equal("es", first.Language);

        var second = Assert.IsType<ArticleReadResult.Accepted>(results[1]).Article;
        Assert.Equal("El puerto de Algeciras registró en octubre su mejor mes del año en tráfico de contenedores.", second.Title);
        Assert.Equal("https://noticias.example.es/2026/11/27/puerto-algeciras", second.Url?.AbsoluteUri);
        Assert.Equal("es", second.Language);

        var third = Assert.IsType<ArticleReadResult.Rejected>(results[2]);
        Assert.Equal("feeds/noticias.json item 3 has neither a title nor text.", third.Reason);
    }

    [Fact]
    public void Load_MalformedRss_RejectedNamingFileAndXmlError()
    {
        // Act
        var reason = ArticleLoaderFactory.RejectedReason(LoadFeed("malformed.xml", "feeds/broken.xml"));

        // Assert
        Assert.StartsWith("feeds/broken.xml is a malformed XML feed: ", reason, StringComparison.Ordinal);
        Assert.Contains("Line 2", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJsonFeed_RejectedNamingFile()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("feed.json", """{ "version": "https://jsonfeed.org/version/1.1", "items": [ { "title": "x" """u8));

        // Assert
        Assert.StartsWith("feed.json is a malformed JSON Feed: ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RssWithoutItems_RejectedAsEmptyFeed()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("empty.rss", """<rss version="2.0"><channel><title>Nothing</title></channel></rss>"""u8));

        // Assert
        Assert.Equal("empty.rss is a feed with no items.", reason);
    }

    [Fact]
    public void Load_FeedWithThousandsOfItems_ReadsTheFirst500AndSaysSo()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var rss = new System.Text.StringBuilder("<rss version=\"2.0\"><channel><title>Archive</title><link>https://archive.example.org/</link>");
        for (var i = 0; i < 1200; i++)
        {
            rss.Append("<item><title>Archived story number ").Append(i).Append("</title><link>/s/").Append(i).Append("</link></item>");
        }

        rss.Append("</channel></rss>");

        // Act
        var results = loader.Load("archive.xml", System.Text.Encoding.UTF8.GetBytes(rss.ToString()));

        // Assert
        Assert.Equal(501, results.Count);
        Assert.Equal(500, results.OfType<ArticleReadResult.Accepted>().Count());
        Assert.Equal("archive.xml has 1200 items; only the first 500 are read.", Assert.IsType<ArticleReadResult.Rejected>(results[^1]).Reason);
        Assert.Equal("https://archive.example.org/s/0", Assert.IsType<ArticleReadResult.Accepted>(results[0]).Article.Url?.AbsoluteUri);
    }
}
