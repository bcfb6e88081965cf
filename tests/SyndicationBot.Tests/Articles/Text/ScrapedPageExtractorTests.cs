using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class ScrapedPageExtractorTests
{
    private const string Teaser = "Un autre sujet du jour occupe la une depuis ce matin, avec un long chapeau et une phrase complète.";
    private const string Title = "Le port de Tanger Med double sa capacité";
    private const string First = "Le Maroc a inauguré vendredi un nouveau terminal au complexe portuaire de Tanger Med, un projet majeur.";
    private const string Second = "Les nouveaux quais accueilleront les plus grands navires porte-conteneurs du monde dès l’année prochaine.";

    [Fact]
    public void Extract_TwoLetterlessLinesBetweenParagraphs_KeepsOneBody()
    {
        // Arrange: a rule and a time are a short gap inside one article.
        var page = string.Join('\n', Title, First, "-", "12:00", Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(Title, content!.Title);
        Assert.Equal([First, Second], content.Paragraphs);
    }

    [Fact]
    public void Extract_TimelineBetweenTeaserAndArticle_SeparatesThem()
    {
        // Arrange: a timeline of letterless lines parts a teaser above from the article below.
        var timeline = string.Join('\n', Enumerable.Range(0, 6).Select(i => $"-\n1{i}:30"));
        var page = string.Join('\n', Teaser, timeline, Title, First, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal(Title, content!.Title);
        Assert.Equal([First, Second], content.Paragraphs);
    }

    [Fact]
    public void Extract_LowerCaseLineAfterLongLetterlessLine_RunsOnIntoIt()
    {
        // Arrange: a hard-wrapped paragraph whose first line is long and holds no letters joins its continuation.
        const string wrapped = "2026 - 11 - 27 -- 14:05 -- 2026 - 11 - 27 -- 14:05 --";
        const string continuation = "suite d’une phrase assez longue pour compter comme un paragraphe entier du texte.";
        var page = string.Join('\n', Title, First, wrapped, continuation);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal(Title, content!.Title);
        Assert.Equal([First, wrapped + " " + continuation], content.Paragraphs);
    }

    [Fact]
    public void Extract_OnlyLetterlessLines_FailsNamingTheLineCount()
    {
        // Arrange
        var page = "-\n12:00\n-\n13:00\n";

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(content);
        Assert.Equal("is timeline-only or boilerplate-only: none of its 4 lines has words", failure);
    }
}
