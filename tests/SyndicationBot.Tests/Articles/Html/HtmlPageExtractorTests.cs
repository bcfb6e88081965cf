using SyndicationBot.Articles.Html;
using Xunit;

namespace SyndicationBot.Tests.Articles.Html;

public sealed class HtmlPageExtractorTests
{
    private const string Lede = "The port of Tanger Med opened a new container terminal on Friday, doubling the capacity of the largest port in Africa.";
    private const string Second = "The new quays will receive the largest container ships in the world from next year, the port authority said in a statement.";
    private const string Third = "The minister praised a project delivered on time, which is expected to create several thousand direct jobs in the region.";

    [Theory]
    [InlineData("'We Got Her!': Police end a week-long search")]
    [InlineData("Student says the pills \"burned her up from within\"")]
    public void Extract_OgTitleOpeningOrClosingOnAQuote_KeepsEveryQuoteMark(string headline)
    {
        // Arrange: the quote stood at one end of the headline and was trimmed as if it wrapped the value.
        var html = Page($"<meta property=\"og:title\" content=\"{headline.Replace("\"", "&quot;", StringComparison.Ordinal)}\"><title>Site</title>", Article());

        // Act
        var content = HtmlPageExtractor.Extract(html, "page.html", out _);

        // Assert
        Assert.Equal(headline, content!.Title);
    }

    [Fact]
    public void Extract_LoneH1NamingTheSection_TitleWins()
    {
        // Arrange: no og:title; the only <h1> is the section's name.
        var html = Page("<title>Tanger Med doubles its capacity</title>", "<h1>Economy</h1>" + Article());

        // Act
        var content = HtmlPageExtractor.Extract(html, "page.html", out _);

        // Assert
        Assert.Equal("Tanger Med doubles its capacity", content!.Title);
    }

    [Fact]
    public void Extract_TitleIsTheH1PlusTheSiteName_TakesTheH1()
    {
        // Arrange
        var html = Page("<title>Tanger Med doubles its capacity | Example News</title>", "<h1>Tanger Med doubles its capacity</h1>" + Article());

        // Act
        var content = HtmlPageExtractor.Extract(html, "page.html", out _);

        // Assert
        Assert.Equal("Tanger Med doubles its capacity", content!.Title);
    }

    [Fact]
    public void Extract_ArticleWithSubHeadTableAndCaption_KeepsAllItsParagraphsAndListButNotTheCaption()
    {
        // Arrange: the old second stage kept only the heaviest block of prose.
        var body = $"""
            <article><h1>Tanger Med doubles its capacity</h1>
            <p>{Lede}</p>
            <figure><img src="a.jpg"><figcaption>The new terminal. Photo: AFP</figcaption></figure>
            <p>Photograph: Example Agency</p>
            <h2>Key figures</h2>
            <ul><li>Capacity: 9 million containers a year</li><li>Quays: 4 kilometres long</li><li>Cranes: 40 of them</li></ul>
            <p>{Second}</p>
            <p>{Third}</p>
            </article>
            """;
        var html = Page("<title>Tanger Med doubles its capacity</title>", body);

        // Act
        var content = HtmlPageExtractor.Extract(html, "page.html", out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(Lede, content!.Paragraphs[0]);
        Assert.Contains("Quays: 4 kilometres long", content.Paragraphs);
        Assert.Equal(Third, content.Paragraphs[^1]);
        Assert.DoesNotContain(content.Paragraphs, p => p.Contains("Photograph", StringComparison.Ordinal) || p.Contains("AFP", StringComparison.Ordinal));
    }

    private static string Article() => $"<article><p>{Lede}</p><p>{Second}</p><p>{Third}</p></article>";

    private static string Page(string head, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body><nav><a href=\"/\">Home</a></nav>{body}<footer>All rights reserved</footer></body></html>";
}
