using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Summaries;

public sealed class ExtractiveSummarizerTests
{
    [Fact]
    public void Summarize_SeedArticle_LeadsWithWhoMetWhomAndWhy()
    {
        // Arrange
        var target = CreateTarget();

        // Act
        var summary = target.Summarize(SeedArticle.Create());

        // Assert
        string lead = summary.Sentences[0];
        Assert.Contains("Abdellatif Hammouchi", lead, StringComparison.Ordinal);
        Assert.Contains("a reçu", lead, StringComparison.Ordinal);
        Assert.Contains("l’ambassadrice de Chine au Maroc", lead, StringComparison.Ordinal);
        Assert.Contains("pour un entretien centré sur le renforcement du dialogue sécuritaire", lead, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_SeedArticle_EverySentenceIsVerbatimFromTheBody()
    {
        // Arrange
        var target = CreateTarget();
        string body = string.Join("\n", SeedArticle.Paragraphs);

        // Act
        var summary = target.Summarize(SeedArticle.Create());

        // Assert
        Assert.InRange(summary.Sentences.Count, 2, 4);
        Assert.All(summary.Sentences, s => Assert.Contains(s, body, StringComparison.Ordinal));
    }

    [Fact]
    public void Summarize_BodyRepeatsHeadline_NeverRepeatsTheHeadline()
    {
        // Arrange
        var target = CreateTarget();
        var article = new Article("a", "Le port de Tanger bat un record de trafic", [
            "Le port de Tanger bat un record de trafic.",
            "Le port a traité 9 millions de conteneurs en 2024, soit 18 % de plus qu’en 2023.",
            "La direction attribue la hausse aux nouvelles lignes vers l’Afrique de l’Ouest."], "fr", null, null, null, null, [], "h");

        // Act
        var summary = target.Summarize(article);

        // Assert
        Assert.DoesNotContain(summary.Sentences, s => s.StartsWith("Le port de Tanger bat", StringComparison.Ordinal));
        Assert.StartsWith("Le port a traité 9 millions", summary.Sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_MaxSentencesOne_ReturnsOnlyTheLead()
    {
        // Arrange
        var target = CreateTarget(maxSentences: 1);

        // Act
        var summary = target.Summarize(SeedArticle.Create());

        // Assert
        Assert.Equal([SeedArticle.Paragraphs[0][..SeedArticle.Paragraphs[0].IndexOf(" Cette rencontre", StringComparison.Ordinal)]], summary.Sentences);
    }

    [Fact]
    public void Summarize_ArticleWithoutBody_ReturnsEmptySummary()
    {
        // Arrange
        var target = CreateTarget();
        var article = new Article("a", "Titre", [], "fr", null, null, null, null, [], "h");

        // Act
        var summary = target.Summarize(article);

        // Assert
        Assert.Empty(summary.Sentences);
    }

    private static ExtractiveSummarizer CreateTarget(int maxSentences = 4) =>
        new(Options.Create(new SummariesOptions { MaxSentences = maxSentences }));
}
