using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class TextCutterTests
{
    [Fact]
    public void Cut_LongSentence_EndsAtAWordWithEllipsis()
    {
        // Arrange
        const string text = "Le directeur général a reçu l’ambassadrice de Chine au Maroc lundi.";

        // Act
        string? cut = TextCutter.Cut(text, s => s.Length <= 40);

        // Assert
        Assert.Equal("Le directeur général a reçu…", cut);
    }

    [Fact]
    public void Cut_BudgetEndsInsideAUrl_CutsBeforeTheUrl()
    {
        // Arrange
        const string text = "Lire https://www.lematin.ma/nation/article-12345.html pour la suite";

        // Act
        string? cut = TextCutter.Cut(text, s => s.Length <= 40);

        // Assert
        Assert.Equal("Lire…", cut);
    }

    [Fact]
    public void Cut_BudgetEndsInsideAGroupedNumber_NeverSplitsTheNumber()
    {
        // Arrange
        const string text = "La ville compte 1 200 000 habitants";

        // Act
        string? cut = TextCutter.Cut(text, s => s.Length <= 22);

        // Assert
        Assert.Equal("La ville compte…", cut);
    }

    [Fact]
    public void Cut_ChineseText_CutsBetweenCharacters()
    {
        // Arrange
        const string text = "会议今天在北京开始代表们讨论了合作";

        // Act
        string? cut = TextCutter.Cut(text, s => s.Length <= 6);

        // Assert
        Assert.Equal("会议今天在…", cut);
    }

    [Fact]
    public void Cut_HashtagAsLastWord_DoesNotEndOnTheHashtag()
    {
        // Arrange
        const string text = "Sommet #Interpol à Marrakech cette semaine";

        // Act
        string? cut = TextCutter.Cut(text, s => s.Length <= 18);

        // Assert
        Assert.Equal("Sommet…", cut);
    }

    [Fact]
    public void Cut_TrailingComma_DropsThePunctuationBeforeTheEllipsis()
    {
        // Arrange
        const string text = "Au cours de l’entretien, les discussions ont abordé";

        // Act
        string? cut = TextCutter.Cut(text, s => s.Length <= 26);

        // Assert
        Assert.Equal("Au cours de l’entretien…", cut);
    }

    [Fact]
    public void Cut_NothingFits_ReturnsNull()
    {
        // Arrange // Act
        string? cut = TextCutter.Cut("Anticonstitutionnellement dit", s => s.Length <= 3);

        // Assert
        Assert.Null(cut);
    }
}
