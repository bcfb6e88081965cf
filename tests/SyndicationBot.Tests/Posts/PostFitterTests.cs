using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class PostFitterTests
{
    private static readonly PostTemplate Template = PostTemplate.Parse("{title}\n\n{summary}\n\n{url} {hashtags}");

    private static readonly PostMaterial Material = new(
        "Titre du jour",
        ["Première phrase importante.", "Deuxième phrase utile.", "Troisième phrase."],
        "https://a.ma/x",
        ["#Un", "#Deux"]);

    [Fact]
    public void Fit_RoomForAll_KeepsEverySentenceAndHashtag()
    {
        // Arrange // Act
        var fitted = PostFitter.Fit(Template, Material, s => s.Length <= 500);

        // Assert
        Assert.Equal(3, fitted.SentencesUsed);
        Assert.Equal("Titre du jour\n\nPremière phrase importante. Deuxième phrase utile. Troisième phrase.\n\nhttps://a.ma/x #Un #Deux", fitted.PlainText);
    }

    [Fact]
    public void Fit_RoomForTwoSentences_DropsWholeSentencesFirst()
    {
        // Arrange // Act
        var fitted = PostFitter.Fit(Template, Material, s => s.Length <= 95);

        // Assert
        Assert.Equal(2, fitted.SentencesUsed);
        Assert.Equal("Titre du jour\n\nPremière phrase importante. Deuxième phrase utile.\n\nhttps://a.ma/x #Un #Deux", fitted.PlainText);
    }

    [Fact]
    public void Fit_LeadTooLong_DropsHashtagsThenCutsTheLead()
    {
        // Arrange // Act
        var fitted = PostFitter.Fit(Template, Material, s => s.Length <= 50);

        // Assert
        Assert.Equal("Titre du jour\n\nPremière phrase…\n\nhttps://a.ma/x", fitted.PlainText);
        Assert.True(fitted.Fits);
    }

    [Fact]
    public void Fit_RoomForLinkOnly_KeepsTheLinkWhole()
    {
        // Arrange // Act
        var fitted = PostFitter.Fit(Template, Material, s => s.Length <= 14);

        // Assert
        Assert.Equal("https://a.ma/x", fitted.PlainText);
        Assert.True(fitted.Fits);
    }

    [Fact]
    public void Fit_NoCutAllowed_FallsBackToTitleAndLink()
    {
        // Arrange // Act
        var fitted = PostFitter.Fit(Template, Material, s => s.Length <= 50, allowCut: false);

        // Assert
        Assert.Equal(0, fitted.SentencesUsed);
        Assert.Equal("Titre du jour\n\nhttps://a.ma/x", fitted.PlainText);
    }
}
