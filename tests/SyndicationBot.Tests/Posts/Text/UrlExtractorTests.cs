using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

public sealed class UrlExtractorTests
{
    [Theory]
    [InlineData("Lire https://www.lematin.ma/a/b?x=1&y=2.", "https://www.lematin.ma/a/b?x=1&y=2")]
    [InlineData("(voir https://fr.wikipedia.org/wiki/Rabat_(ville)) ensuite", "https://fr.wikipedia.org/wiki/Rabat_(ville)")]
    [InlineData("« https://exemple.fr/page »", "https://exemple.fr/page")]
    [InlineData("Source : lemonde.fr/afrique, hier", "lemonde.fr/afrique")]
    [InlineData("Site www.interpol.int.", "www.interpol.int")]
    [InlineData("http://foobar.پاکستان/ ok", "http://foobar.پاکستان/")]
    [InlineData("https://twitter.香港", "https://twitter.香港")]
    [InlineData("sur https://example.com:8080/x…", "https://example.com:8080/x")]
    [InlineData("Lien bit.ly, court", "bit.ly")]
    [InlineData("HTTPS://WWW.LEMATIN.MA/A", "HTTPS://WWW.LEMATIN.MA/A")]
    [InlineData("https://t.co/abc123def?x=1…", "https://t.co/abc123def?x=1")]
    public void Extract_UrlInText_FindsExactlyTheUrl(string text, string expected)
    {
        // Arrange // Act
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: true);

        // Assert
        var url = Assert.Single(urls);
        Assert.Equal(expected, text.Substring(url.Start, url.Length));
    }

    [Theory]
    [InlineData("écrire à contact@lemonde.fr")]
    [InlineData("le fichier rapport.pdf et 3.4 %")]
    [InlineData("https://localhost/page")]
    [InlineData("https://exemple.test/page")]
    [InlineData("http://a_b.com")]
    [InlineData("sécuritaire. Fin")]
    [InlineData("#hashtag.com")]
    public void Extract_NotAUrl_FindsNothing(string text)
    {
        // Arrange // Act
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: true);

        // Assert
        Assert.Empty(urls);
    }

    [Fact]
    public void Extract_WithoutProtocolExcluded_FindsOnlySchemeUrls()
    {
        // Arrange
        const string text = "lemonde.fr/a et https://lemonde.fr/b";

        // Act
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: false);

        // Assert
        var url = Assert.Single(urls);
        Assert.True(url.HasProtocol);
        Assert.Equal("https://lemonde.fr/b", text[url.Start..url.End]);
    }
}
