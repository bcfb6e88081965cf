using System.Text;
using SyndicationBot.Articles;
using Xunit;

namespace SyndicationBot.Tests.Articles;

/// <summary>The same pages written in each encoding operators meet must read back identically, with no mojibake.</summary>
public sealed class ArticleLoaderEncodingTests
{
    private const string FrenchPage = """
        Accueil
        Économie
        Œuvres d’art : les enchères de Marrakech dépassent les prévisions
        La vente aux enchères organisée samedi à Marrakech a rapporté plus de 2 millions d’euros, soit près du double de l’estimation, selon la maison organisatrice.
        Les œuvres de peintres marocains du XXᵉ siècle ont été les plus disputées, « un signe de la maturité du marché », a estimé un collectionneur présent dans la salle.
        Partager
        """;

    private const string ArabicPage = """
        الرئيسية
        ثقافة
        مهرجان الفيلم الدولي بمراكش يكشف عن برنامج دورته الجديدة
        كشفت إدارة المهرجان الدولي للفيلم بمراكش، اليوم الجمعة، عن برنامج الدورة الجديدة التي تعرف مشاركة أفلام من أكثر من ثلاثين بلدا.
        وتتنافس على الجائزة الكبرى للمهرجان أربعة عشر فيلما طويلا، من بينها فيلمان مغربيان، بحسب بلاغ للمنظمين.
        """;

    static ArticleLoaderEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string> FrenchEncodings() => new()
    {
        { "utf-8", "none" },
        { "utf-8", "bom" },
        { "utf-16LE", "bom" },
        { "utf-16BE", "bom" },
    };

    [Theory]
    [MemberData(nameof(FrenchEncodings))]
    public void Load_FrenchPageInUnicodeEncoding_ReadsIdenticallyWithTypography(string encodingName, string bom)
    {
        // Arrange
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = bom == "bom" ? [.. encoding.GetPreamble(), .. encoding.GetBytes(FrenchPage)] : encoding.GetBytes(FrenchPage);
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("page.txt", bytes));

        // Assert
        Assert.Equal("Œuvres d’art : les enchères de Marrakech dépassent les prévisions", article.Title);
        Assert.Equal(2, article.Paragraphs.Count);
        Assert.Contains("« un signe de la maturité du marché »", article.Paragraphs[1], StringComparison.Ordinal);
        Assert.Contains("XXᵉ siècle", article.Paragraphs[1], StringComparison.Ordinal);
        Assert.Equal("fr", article.Language);
        AssertNoMojibake(article);
    }

    [Fact]
    public void Load_FrenchPageInWindows1252_ReadsCurlyQuotesOeAndEuro()
    {
        // Arrange: Windows-1252 has ’, œ and € in 0x80-0x9F, where ISO-8859-1 has control characters.
        var page = FrenchPage.Replace("XXᵉ", "XXe", StringComparison.Ordinal).Replace("2 millions d’euros", "2 millions €", StringComparison.Ordinal);
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("cp1252.txt", Encoding.GetEncoding(1252).GetBytes(page)));

        // Assert
        Assert.Equal("Œuvres d’art : les enchères de Marrakech dépassent les prévisions", article.Title);
        Assert.Contains("plus de 2 millions €, soit", article.Paragraphs[0], StringComparison.Ordinal);
        Assert.Contains("Les œuvres de peintres marocains du XXe siècle", article.Paragraphs[1], StringComparison.Ordinal);
        Assert.Equal("fr", article.Language);
        AssertNoMojibake(article);
    }

    [Fact]
    public void Load_FrenchPageInIso885915_ReadsOeAndEuroNotFractions()
    {
        // Arrange: ISO-8859-15 puts œ and € where Windows-1252 has ½ and ¤; it has no curly apostrophe.
        var page = FrenchPage.Replace("XXᵉ", "XXe", StringComparison.Ordinal).Replace('’', '\'').Replace("2 millions d'euros", "2 millions €", StringComparison.Ordinal);
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("latin9.txt", Encoding.GetEncoding("iso-8859-15").GetBytes(page)));

        // Assert
        Assert.Equal("Œuvres d'art : les enchères de Marrakech dépassent les prévisions", article.Title);
        Assert.Contains("plus de 2 millions €, soit", article.Paragraphs[0], StringComparison.Ordinal);
        Assert.Contains("Les œuvres de peintres", article.Paragraphs[1], StringComparison.Ordinal);
        AssertNoMojibake(article);
    }

    [Fact]
    public void Load_Iso88591Page_ReadsAccentsWithoutMojibake()
    {
        // Arrange
        const string page = """
            Société
            Les élèves de l'école rurale reçoivent enfin leurs nouveaux équipements
            Après des années d'attente, les élèves de l'école du village ont reçu cette semaine des ordinateurs et des manuels neufs, financés par une association régionale.
            Les enseignants espèrent que ces équipements aideront à réduire l'abandon scolaire, très élevé dans la région.
            """;
        var bytes = Encoding.Latin1.GetBytes(page);
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("latin1.txt", bytes));

        // Assert
        Assert.Equal("Les élèves de l'école rurale reçoivent enfin leurs nouveaux équipements", article.Title);
        Assert.Equal("fr", article.Language);
        AssertNoMojibake(article);
    }

    [Theory]
    [InlineData("windows-1256")]
    [InlineData("utf-8")]
    [InlineData("utf-16LE")]
    public void Load_ArabicPageInEncoding_ReadsArabic(string encodingName)
    {
        // Arrange
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = encodingName == "utf-16LE" ? [.. encoding.GetPreamble(), .. encoding.GetBytes(ArabicPage)] : encoding.GetBytes(ArabicPage);
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("ar.txt", bytes));

        // Assert
        Assert.Equal("مهرجان الفيلم الدولي بمراكش يكشف عن برنامج دورته الجديدة", article.Title);
        Assert.Equal(2, article.Paragraphs.Count);
        Assert.Equal("ar", article.Language);
        AssertNoMojibake(article);
    }

    [Fact]
    public void Load_HtmlDeclaringWindows1252_UsesDeclaredCharset()
    {
        // Arrange
        const string html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>x</title>
            <meta property="og:title" content="L’économie marocaine résiste à la sécheresse"></head>
            <body><article><h1>L’économie marocaine résiste à la sécheresse</h1>
            <p>Malgré une sixième année de sécheresse, la croissance de l’économie marocaine devrait dépasser 3 % cette année, selon les prévisions publiées mardi par la banque centrale.</p>
            <p>Les services et l’industrie compensent en partie le recul de la production agricole, précise l’institution dans son rapport trimestriel.</p>
            </article></body></html>
            """;
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("page.html", Encoding.GetEncoding(1252).GetBytes(html)));

        // Assert
        Assert.Equal("L’économie marocaine résiste à la sécheresse", article.Title);
        Assert.StartsWith("Malgré une sixième année de sécheresse", article.Paragraphs[0], StringComparison.Ordinal);
        AssertNoMojibake(article);
    }

    [Fact]
    public void Load_ControlZeroWidthAndBidiOverrides_RemovedButTypographyKept()
    {
        // Arrange
        var page = "Menu\nLe\u200B Maroc\u202E accueille\u0007 la « COP » régionale\u00AD en 2026\n"
            + "Le Maroc accueillera l’an prochain\u202Fla conférence régionale sur le climat, a annoncé\u2066 lundi le ministère, qui attend plus de 5\u00A0000 participants.\n";
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("p.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.Equal("Le Maroc accueille la « COP » régionale en 2026", article.Title);
        Assert.Equal("Le Maroc accueillera l’an prochain\u202Fla conférence régionale sur le climat, a annoncé lundi le ministère, qui attend plus de 5\u00A0000 participants.", Assert.Single(article.Paragraphs));
    }

    [Fact]
    public void Load_DecomposedAccents_NormalisedToNfc()
    {
        // Arrange
        var decomposed = "Menu\nLe ministe\u0300re de\u0301voile sa strate\u0301gie nume\u0301rique\nLe ministe\u0300re a pre\u0301sente\u0301 mardi une strate\u0301gie nume\u0301rique pour les dix prochaines anne\u0301es, avec un budget de deux milliards.\n";
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("nfd.txt", Encoding.UTF8.GetBytes(decomposed)));

        // Assert
        Assert.Equal("Le ministère dévoile sa stratégie numérique", article.Title);
        Assert.True(article.Paragraphs[0].IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Load_DoubleEncodedUtf8_RepairedInsteadOfPostingMojibake()
    {
        // Arrange: what a scraper produces when it reads UTF-8 as Windows-1252 and saves the result as UTF-8.
        var mojibake = Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes(FrenchPage));
        var bytes = Encoding.UTF8.GetBytes(mojibake);
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("mojibake.txt", bytes));

        // Assert
        Assert.Contains("Ã©", mojibake, StringComparison.Ordinal);
        Assert.Equal("Œuvres d’art : les enchères de Marrakech dépassent les prévisions", article.Title);
        AssertNoMojibake(article);
    }

    [Fact]
    public void Load_PortugueseCapitalATilde_LeftAsWritten()
    {
        // Arrange: a lone "Ã" (Portuguese, or a name) is not mojibake and must not be "repaired".
        const string page = """
            Mundo
            São Tomé e Príncipe recebe ajuda humanitária após as cheias
            O governo de São Tomé anunciou esta terça-feira a chegada de ajuda humanitária, depois das cheias que afetaram milhares de famílias NA ÁREA DE SÃO JOÃO.
            """;
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("pt.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.EndsWith("NA ÁREA DE SÃO JOÃO.", article.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal("pt", article.Language);
    }

    private static void AssertNoMojibake(Article article)
    {
        foreach (var text in article.Paragraphs.Prepend(article.Title))
        {
            Assert.DoesNotContain('\uFFFD', text);
            Assert.DoesNotContain("Ã", text, StringComparison.Ordinal);
            Assert.DoesNotContain("â€", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Ø", text, StringComparison.Ordinal);
        }
    }
}
