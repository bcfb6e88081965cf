using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

/// <summary>One test per class of real-page layout that the reader used to get wrong (short invented pages).</summary>
public sealed class ScrapedPageLayoutTests
{
    private const string Title = "Le port de Tanger Med double sa capacité";
    private const string First = "Le Maroc a inauguré vendredi un nouveau terminal au complexe portuaire de Tanger Med, un projet majeur pour la région.";
    private const string Second = "Les nouveaux quais accueilleront les plus grands navires porte-conteneurs du monde dès l’année prochaine, selon l’autorité portuaire.";
    private const string Third = "Le ministre de l’Équipement a salué un chantier livré dans les délais, qui doit créer plusieurs milliers d’emplois directs.";

    [Fact]
    public void Extract_SubHeadAndListBetweenParagraphs_KeepsTheWholeArticle()
    {
        // Arrange: a sub-head and a short list part the article's paragraphs; the old reader kept only one block.
        var page = string.Join('\n', "Accueil", "Économie", Title, First, "Les chiffres clés", "Capacité : 9 millions de conteneurs",
            "Quais : 4 kilomètres", "Emplois : 5 000", "Grues : 40", Second, Third);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(Title, content!.Title);
        Assert.Equal(First, content.Paragraphs[0]);
        Assert.Contains("Capacité : 9 millions de conteneurs", content.Paragraphs);
        Assert.Equal(Third, content.Paragraphs[^1]);
    }

    [Fact]
    public void Extract_PhotoCreditAndBylineBetweenHeadlineAndLede_TakesTheHeadline()
    {
        // Arrange: a credit line and a byline stand closer to the body than the headline.
        var page = string.Join('\n', "Menu", Title, "Par Karim Benali", "Photograph: Fadel Senna for Example News Agency",
            "Image copyright Example Agency via Getty Images", "Media caption The new terminal seen from the sky", First, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal(Title, content!.Title);
        Assert.Equal([First, Second], content.Paragraphs);
    }

    [Fact]
    public void Extract_RelatedHeadlineNearerThanTheRealOne_TakesTheOneTheLedeAnnounces()
    {
        // Arrange: a related story's headline sits between the page's headline and its body.
        var page = string.Join('\n', "Tanger Med inaugure un nouveau terminal portuaire géant", "Publié dans Le Matin le 27/11/2026",
            "Casablanca accueille un salon de l’automobile", "Le Maroc a inauguré vendredi un nouveau terminal portuaire géant à Tanger Med, un projet majeur pour la région.",
            Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal("Tanger Med inaugure un nouveau terminal portuaire géant", content!.Title);
    }

    [Theory]
    [InlineData("Incroyable : le port de Tanger Med double sa capacité de conteneurs en une seule année !!")]
    [InlineData("هل يضاعف ميناء طنجة المتوسط قدرته على استقبال الحاويات العملاقة خلال هذا العام ؟")]
    [InlineData("Le port de Tanger Med double sa capacité de conteneurs et ce n’est pas encore fini..")]
    public void Extract_HeadlineEndingLikeASentence_IsTheHeadlineNotTheBody(string headline)
    {
        // Arrange: a headline ending in "!!", "؟" or ".." used to be read as the first paragraph, and the page refused.
        var page = string.Join('\n', headline, First, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(headline, content!.Title);
        Assert.Equal([First, Second], content.Paragraphs);
    }

    [Fact]
    public void Extract_SpacedGuillemetsInParagraph_IsRunningText()
    {
        // Arrange: French quotes are spaced (« … »); the closing one was counted as a menu separator.
        const string quoted = "« Ce terminal change la donne » a déclaré le ministre vendredi, « pour nos exportateurs » et pour tout le pays.";
        var page = string.Join('\n', Title, First, quoted, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal([First, quoted, Second], content!.Paragraphs);
    }

    [Fact]
    public void Extract_ParagraphHoldingALink_IsKept()
    {
        // Arrange: a paragraph that mentions a web address is still running text.
        const string linked = "Les candidatures sont ouvertes jusqu’au 15 décembre sur le site www.tangermed.ma, précise l’autorité dans un communiqué.";
        var page = string.Join('\n', Title, First, linked, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal([First, linked, Second], content!.Paragraphs);
    }

    [Fact]
    public void Extract_LedePrintedTwice_KeepsItOnce()
    {
        // Arrange: the layout prints the lede as a standfirst and again as the first paragraph.
        var page = string.Join('\n', Title, First, First, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal([First, Second], content!.Paragraphs);
    }

    [Fact]
    public void Extract_StoreDatePrefixOnHeadline_IsRemovedFromTheTitle()
    {
        // Arrange
        var page = string.Join('\n', "date 2019-07-12 " + Title, First, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal(Title, content!.Title);
    }

    [Fact]
    public void Extract_PressReviewOfManyStories_IsRefusedNamingTheList()
    {
        // Arrange: a press review is a run of headlines, each over one short paragraph and its date.
        var stories = Enumerable.Range(1, 6).Select(i => string.Join('\n',
            $"Revue de presse : le sujet numéro {i} fait la une",
            $"27/11/2026 à 1{i}:05",
            $"Le quotidien numéro {i} consacre sa une à un sujet différent des autres, avec une analyse de la situation économique."));
        var page = string.Join('\n', ["Revue de presse du jour", .. stories]);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(content);
        Assert.Contains("is a list of 6 stories", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FrontPageOfTeasersCutMidSentence_IsRefusedNamingTheList()
    {
        // Arrange: a section page lists stories, each teaser cut by the site ("…", "[…]").
        var page = string.Join('\n',
            "Related Articles",
            "Morocco to reinforce water supply in the north",
            "The government approved a plan to build three dams to reinforce water supply in the northern region, the ministry said on […]",
            "Rabat hosts a conference on the future of African ports",
            "Ministers and port operators from twenty countries met in Rabat on Monday to discuss the future of trade along the …",
            "Casablanca opens its new tramway line to the airport",
            "The new line, which links the city centre to the airport in forty minutes, carried its first passengers on Friday, and the…");

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(content);
        Assert.Contains("is a list of 3 stories", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TagPageOfWholeTeasers_IsRefusedNamingTheList()
    {
        // Arrange: a tag page mirrors whole teasers, neither cut nor dated; each restates its own headline, on another
        // subject than the one before (the shape of newsagency.africa's and kech24's section pages).
        var page = string.Join('\n',
            "Regragui discusses player options and Morocco’s upcoming World Cup qualifiers",
            "Morocco coach Walid Regragui said on Tuesday that talks are ongoing with two young players before the qualifiers in March.",
            "New appointments in ministries across several sectors",
            "The government announced today a series of key appointments in several ministries, among them agriculture and health.",
            "Olive oil production reaches 100,000 tons despite the drought",
            "The average output of olive oil over the past three years reached 100,000 tons, despite the drought, the spokesperson said.",
            "Casablanca tramway carries its millionth passenger");

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(content);
        Assert.Contains("is a list of 4 stories", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ArticleFollowedByRelatedTeasers_IsReadAsTheArticle()
    {
        // Arrange: an article of four paragraphs, then three related stories with their teasers: the article
        // outweighs them, so the page is one article.
        var page = string.Join('\n',
            Title, First, Second, Third,
            "Les autorités portuaires prévoient de nouvelles extensions d’ici la fin de la décennie, en fonction de la demande mondiale.",
            "Casablanca inaugure une nouvelle ligne de tramway",
            "La nouvelle ligne de tramway relie le centre de Casablanca à l’aéroport en quarante minutes.",
            "Rabat accueille une conférence sur les ports africains",
            "Des ministres de vingt pays se sont réunis à Rabat lundi pour parler des ports africains.",
            "Agadir ouvre un nouveau marché de gros",
            "Le nouveau marché de gros d’Agadir a ouvert ses portes aux commerçants de la région.");

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(Title, content!.Title);
        Assert.Equal(First, content.Paragraphs[0]);
    }

    [Fact]
    public void Extract_CaptionAboveItsCreditNearerThanTheHeadline_TakesTheHeadline()
    {
        // Arrange: a whole page dumped to text (The Verge's layout): headline, standfirst, byline, share button, then the
        // photo's caption over its credit, printed twice, right above the body. The caption shares the body's words.
        var page = string.Join('\n',
            "Skip to main content", "Tech", "Reviews",
            "Apple’s Vision Pro is the Retina display moment for headsets",
            "I tried the Vision Pro, and just like the introduction of the iPhone 4 over a decade ago, there’s no going back from here.",
            "By Alex Heath", "Jun 7, 2023, 8:54 PM UTC", "Share this story",
            "The Apple Vision Pro.", "Image: Vjeran Pavic / The Verge", "The Apple Vision Pro.", "Image: Vjeran Pavic / The Verge",
            "I still remember using the iPhone 4 for the first time in 2010, when Apple shipped its first Retina display.",
            "That is exactly how I felt after a demo of the Apple Vision Pro yesterday at the company’s headquarters in Cupertino.");

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal("Apple’s Vision Pro is the Retina display moment for headsets", content!.Title);
        Assert.DoesNotContain("The Apple Vision Pro.", content.Paragraphs);
    }

    [Fact]
    public void Extract_StandfirstAndWidgetBetweenHeadlineAndByline_TakesTheHeadlineOverTheByline()
    {
        // Arrange: a whole page dumped to text (NBC News' layout): the headline, its standfirst, a widget label, the
        // dateline and the byline, then the body. The widget label used to win: it was the line nearest the body, and
        // the standfirst stopped the search as if it were another story's teaser.
        const string Headline = "South Korean president’s impeachment fails after ruling party lawmakers walk out";
        var page = string.Join('\n',
            "World", Headline,
            "President Yoon Suk Yeol had earlier apologized for a short-lived declaration of martial law that plunged the country into turmoil.",
            "Get more newson", "Dec. 6, 2024, 10:00 PM UTC", "By Stella Kim and Jennifer Jett",
            "SEOUL, South Korea — An impeachment motion against the president failed on Saturday after ruling party lawmakers walked out of the vote.",
            "The motion needed the support of two-thirds of the National Assembly, and the ruling party boycotted the vote, lawmakers said.");

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(Headline, content!.Title);
        Assert.StartsWith("SEOUL, South Korea — An impeachment motion", content.Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LongParagraphWithoutFullStop_IsRunningText()
    {
        // Arrange: some sites print a whole paragraph without a single full stop.
        var paragraph = string.Join(' ', Enumerable.Repeat("أعلن وزير الداخلية إحداث مستشفى ميداني لاستقبال الحالات المسجلة في الإقليم", 5));
        var page = string.Join('\n', "كوفيد19.. وزير الداخلية يعلن إحداث مستشفى ميداني بإقليم القنيطرة", paragraph);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal("كوفيد19.. وزير الداخلية يعلن إحداث مستشفى ميداني بإقليم القنيطرة", content!.Title);
        Assert.Equal([paragraph], content.Paragraphs);
    }

    [Theory]
    [InlineData("Leaders of the two countries sign a joint declaration to boost bilateral ties. Photo: AA / AA")]
    [InlineData("Une maison fraîchement reconstruite au douar, un an et demi après le séisme d’Al Haouz. (M.Marfouk/Le360)")]
    [InlineData("Le ministre lors de la cérémonie d’inauguration du nouveau terminal vendredi. Ph. MEDIAS24")]
    public void Extract_CaptionEndingInItsCredit_IsNotTheLede(string caption)
    {
        // Arrange: a photo caption reads like a sentence but closes on its credit.
        var page = string.Join('\n', Title, caption, First, Second);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out _);

        // Assert
        Assert.Equal(Title, content!.Title);
        Assert.Equal([First, Second], content.Paragraphs);
    }

    [Fact]
    public void Extract_HeadlineAndLedeRepeatedByTheLayout_ReadsTheArticleOnce()
    {
        // Arrange: the layout prints headline and standfirst, then both again above the dateline and the body.
        var page = string.Join('\n', Title, First, Title, "Le 18 janvier 2019 à 11h06", First, Second, Third);

        // Act
        var content = ScrapedPageExtractor.Extract(page, out var failure);

        // Assert
        Assert.Null(failure);
        Assert.Equal(Title, content!.Title);
        Assert.Equal([First, Second, Third], content.Paragraphs);
    }
}
