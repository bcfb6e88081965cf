using SyndicationBot.Articles;
using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

/// <summary>
/// The function-word vote is a shortcut in front of Lingua: wherever it answers it must give Lingua's answer,
/// and where text is short, mixed or in a language outside its set it must abstain.
/// </summary>
public sealed class FunctionWordVoteTests
{
    private static readonly LanguageIdentifier Identifier = new();

    [Theory]
    [InlineData("fr", "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse et les éleveurs de la région.")]
    [InlineData("en", "The government announced on Tuesday a new set of measures to support farmers hit by the drought, and said that the aid would be paid from the spring.")]
    [InlineData("es", "El gobierno anunció el martes un nuevo paquete de medidas para apoyar a los agricultores afectados por la sequía y a las familias del campo.")]
    [InlineData("de", "Die Regierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Dürre betroffenen Landwirte zu unterstützen, und sie werden bald ausgezahlt.")]
    [InlineData("it", "Il governo ha annunciato martedì una nuova serie di misure per sostenere gli agricoltori colpiti dalla siccità e le famiglie delle zone rurali.")]
    [InlineData("pt", "O governo anunciou na terça-feira um novo conjunto de medidas para apoiar os agricultores afetados pela seca e as famílias do interior do país.")]
    public void Guess_NewsParagraph_ReturnsLinguasLanguage(string expected, string text)
    {
        // Arrange
        var lingua = Identifier.IdentifyLatinWithModel(text);

        // Act
        var vote = FunctionWordVote.Guess(text);

        // Assert
        Assert.Equal(expected, vote);
        Assert.Equal(lingua, vote);
    }

    [Fact]
    public void Guess_TestPageParagraphs_AgreesWithLinguaWheneverItAnswers()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var paragraphs = new List<string>();
        foreach (var page in Directory.GetFiles(ArticleLoaderFactory.TestDataPath("Pages")).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            if (loader.Load(page, File.ReadAllBytes(page)) is [ArticleReadResult.Accepted { Article: { Language: "fr" or "en" or "es" or "de" or "it" or "pt" } article }])
            {
                paragraphs.AddRange(article.Paragraphs.Where(p => p.Length >= 40));
                paragraphs.Add(article.Title);
            }
        }

        // Act
        var answered = paragraphs.Select(p => (Text: p, Vote: FunctionWordVote.Guess(p))).Where(v => v.Vote is not null).ToList();

        // Assert
        Assert.True(paragraphs.Count >= 20, $"only {paragraphs.Count} Latin-script paragraphs found in the test pages");
        Assert.True(answered.Count * 2 >= paragraphs.Count, $"the vote answered only {answered.Count} of {paragraphs.Count} paragraphs");
        Assert.All(answered, v => Assert.Equal(Identifier.IdentifyLatinWithModel(v.Text), v.Vote));
    }

    [Fact]
    public void Guess_SeedPageFirstParagraph_AnswersWithoutLingua()
    {
        // Arrange: the seed page is the common case the shortcut exists for.
        var page = ArticleLoaderFactory.TestDataPath("Pages", "seed_fr_timeline.txt");
        var article = ArticleLoaderFactory.AcceptedArticle(ArticleLoaderFactory.Create().Load(page, File.ReadAllBytes(page)));

        // Act
        var vote = FunctionWordVote.Guess(article.Paragraphs[0]);

        // Assert
        Assert.Equal("fr", vote);
    }

    [Theory]
    [InlineData("Le ministre a déclaré « the deal is done » avant de quitter la salle of the summit with the press.")]
    [InlineData("The minister said que la réforme est nécessaire and that the vote will be held in the spring.")]
    [InlineData("Der Minister sagte, the agreement is signed, und die Verhandlungen in Paris sont terminées.")]
    [InlineData("El presidente dijo que il governo non ha firmato la carta de la comisión per la riforma.")]
    [InlineData("O ministro disse que el acuerdo está firmado y que a votação será na semana que vem.")]
    public void Guess_MixedLanguageSample_DefersOrAgreesWithLingua(string text)
    {
        // Arrange
        var lingua = Identifier.IdentifyLatinWithModel(text);

        // Act
        var vote = FunctionWordVote.Guess(text);

        // Assert
        Assert.True(vote is null || vote == lingua, $"vote {vote} but Lingua says {lingua}");
    }

    [Theory]
    [InlineData("The minister said que la réforme est nécessaire and the vote is in the spring.")]
    [InlineData("Tanger Med Port Expansion Opens To Double Container Capacity")]
    [InlineData("Real Madrid 2 - 1 Barcelona : Benzema, Vinicius, Lewandowski")]
    [InlineData("De regering heeft dinsdag een nieuw pakket maatregelen aangekondigd om de boeren te steunen die door de droogte zijn getroffen.")]
    public void Guess_ShortMixedOrUnknownLanguage_Abstains(string text)
    {
        // Arrange
        var sample = text;

        // Act
        var vote = FunctionWordVote.Guess(sample);

        // Assert
        Assert.Null(vote);
    }

    [Theory]
    [InlineData("The minister said que la réforme est nécessaire and the vote is in the spring.")]
    [InlineData("Der Minister sagte, the agreement is signed, und die Verhandlungen in Paris sont terminées.")]
    public void Identify_MixedSample_GivesLinguasAnswer(string text)
    {
        // Arrange
        var lingua = Identifier.IdentifyLatinWithModel(text);

        // Act
        var language = Identifier.Identify(text);

        // Assert
        Assert.Equal(lingua, language);
    }
}
