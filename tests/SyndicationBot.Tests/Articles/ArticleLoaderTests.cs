using System.Text;
using SyndicationBot.Articles;
using Xunit;

namespace SyndicationBot.Tests.Articles;

public sealed class ArticleLoaderTests
{
    private static readonly string SeedPath = ArticleLoaderFactory.TestDataPath("Pages", "seed_fr_timeline.txt");

    [Fact]
    public void Load_Seed_ReturnsHeadlineFourParagraphsAndFrenchWithoutTimelineOrNavigation()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("seeds/000.txt", File.ReadAllBytes(SeedPath)));

        // Assert
        Assert.Equal("Hammouchi et la Chine renforcent le partenariat sécuritaire", article.Title);
        Assert.Equal(4, article.Paragraphs.Count);
        Assert.StartsWith("Le directeur général de la sûreté nationale", article.Paragraphs[0], StringComparison.Ordinal);
        Assert.StartsWith("Cette rencontre illustre l’engagement constant", article.Paragraphs[3], StringComparison.Ordinal);
        Assert.Equal("fr", article.Language);
        Assert.DoesNotContain(article.Paragraphs, p => p.Contains("Suivez-nous", StringComparison.Ordinal) || p.Contains("Sous-Rubrique", StringComparison.Ordinal) || p.Contains("22:37", StringComparison.Ordinal));
        Assert.Null(article.Url);
        Assert.Equal("seeds/000.txt", article.Source);
    }

    [Fact]
    public void Load_Seed_ContentHashIsSha256OfTitleAndParagraphs()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("seed", File.ReadAllBytes(SeedPath)));

        // Assert
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes(article.Title + "\n" + string.Join('\n', article.Paragraphs))));
        Assert.Equal(expected, article.ContentHash);
        Assert.Equal("sha256:" + expected, article.Key);
    }

    [Fact]
    public void Load_SameTextWithCrLfAndTrailingSpaces_HasSameContentHash()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var bytes = File.ReadAllBytes(SeedPath);
        var windows = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\n", "  \r\n", StringComparison.Ordinal));

        // Act
        var plain = ArticleLoaderFactory.AcceptedArticle(loader.Load("a", bytes));
        var crlf = ArticleLoaderFactory.AcceptedArticle(loader.Load("b", windows));

        // Assert
        Assert.Equal(plain.ContentHash, crlf.ContentHash);
    }

    [Fact]
    public void Load_Empty_RejectedNamingSource()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("seeds/empty.txt", []));

        // Assert
        Assert.Equal("seeds/empty.txt is empty (0 bytes).", reason);
    }

    [Fact]
    public void Load_WhitespaceOnly_RejectedAsEmpty()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("blank.txt", "  \n\t\r\n \u200B\n"u8));

        // Assert
        Assert.Equal("blank.txt is empty (only whitespace).", reason);
    }

    [Fact]
    public void Load_Png_RejectedAsBinary()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("seeds/photo.txt", png));

        // Assert
        Assert.Equal("seeds/photo.txt is binary (a PNG image), not a text page or feed.", reason);
    }

    [Fact]
    public void Load_BytesWithNul_RejectedAsBinary()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var bytes = new byte[512];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'A';
        bytes[10] = 0;

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("blob.bin", bytes));

        // Assert
        Assert.Equal("blob.bin is binary (it contains NUL bytes), not a text page or feed.", reason);
    }

    [Fact]
    public void Load_OverMaxFileBytes_RejectedNamingLimitAndKey()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create(maxFileBytes: 1000);

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("big.txt", new byte[1001]));

        // Assert
        Assert.Equal("big.txt is oversized: 1001 bytes is over the 1000 bytes limit (Sources:MaxFileBytes).", reason);
    }

    [Fact]
    public void Load_TimelineOnly_RejectedAsTimelineOrBoilerplate()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        var timeline = string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "-" : $"{10 + (i / 2 % 12)}:{i:00}")) + "\nSous-Rubrique\nSuivez-nous sur Facebook\n";

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("seeds/timeline.txt", Encoding.UTF8.GetBytes(timeline)));

        // Assert
        Assert.Equal("seeds/timeline.txt is timeline-only or boilerplate-only: none of its 42 lines is running text with sentences.", reason);
    }

    [Fact]
    public void Load_CookieBannerAndMenuOnly_RejectedAsBoilerplate()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        const string page = """
            Home
            World
            Business
            We use cookies to improve your experience on our site. By continuing to browse, you accept our use of cookies and our privacy policy.
            Accept all
            © 2026 Example Media. All rights reserved.
            """;

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("cookies.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.StartsWith("cookies.txt is timeline-only or boilerplate-only", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidUtf16_RejectedAsUndecodable()
    {
        // Arrange
        var loader = ArticleLoaderFactory.Create();
        byte[] bytes = [0xFF, 0xFE, (byte)'H', 0, (byte)'i', 0, 0x00, 0xD8, (byte)'x', 0];

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("bad16.txt", bytes));

        // Assert
        Assert.StartsWith("bad16.txt is undecodable: it is not valid utf-16", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShortHeadlineUnderKickerAndMenu_PicksTheHeadline()
    {
        // Arrange
        const string page = """
            Home
            Politics
            Business
            International
            Brexit vote delayed
            Members of parliament voted on Monday evening to delay the final vote on the agreement until the end of January, citing the need for more time.
            The government said it would use the extra weeks to seek further assurances from its European partners on the most disputed points.
            Share
            """;
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("short.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.Equal("Brexit vote delayed", article.Title);
        Assert.Equal(2, article.Paragraphs.Count);
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public void Load_BodyWithoutAnyHeadlineLine_RejectedNamingTheProblem()
    {
        // Arrange
        const string page = "Members of parliament voted on Monday evening to delay the final vote on the agreement until the end of January.\n";
        var loader = ArticleLoaderFactory.Create();

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("headless.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.Equal("headless.txt has body text but no headline line above it.", reason);
    }

    [Fact]
    public void Load_HtmlPageWithOnlyNavigationAndCookieBanner_RejectedNamingTheProblem()
    {
        // Arrange
        const string html = """
            <!DOCTYPE html><html lang="en"><head><title>Example</title></head><body>
            <nav><ul><li>Home</li><li>News</li><li>Sport</li></ul></nav>
            <div class="consent">We use cookies to improve your experience. By continuing you accept our cookie policy.</div>
            <footer>© 2026 Example. All rights reserved.</footer>
            </body></html>
            """;
        var loader = ArticleLoaderFactory.Create();

        // Act
        var reason = ArticleLoaderFactory.RejectedReason(loader.Load("https://example.org/", Encoding.UTF8.GetBytes(html)));

        // Assert
        Assert.StartsWith("https://example.org/ is an HTML page whose text is navigation-only or boilerplate-only", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UrlLineWithTracking_BecomesCanonicalKey()
    {
        // Arrange
        const string page = """
            Source: https://www.example.ma/politique/article-123.html?utm_source=whatsapp&fbclid=AbC#comments
            Politique
            Le Parlement adopte la réforme du code de la famille
            La Chambre des représentants a adopté mardi en deuxième lecture la réforme du code de la famille, après plusieurs mois de débats au sein de la majorité.
            """;
        var loader = ArticleLoaderFactory.Create();

        // Act
        var article = ArticleLoaderFactory.AcceptedArticle(loader.Load("moudawana.txt", Encoding.UTF8.GetBytes(page)));

        // Assert
        Assert.Equal("https://www.example.ma/politique/article-123.html", article.Url?.AbsoluteUri);
        Assert.Equal("url:https://www.example.ma/politique/article-123.html", article.Key);
    }
}
