using SyndicationBot.Posts;
using SyndicationBot.Posts.Rules;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class CostFitterTests
{
    private static readonly PostMaterial Material = new(
        "Titre du jour",
        ["Première phrase importante.", "Deuxième phrase utile."],
        "https://a.ma/x",
        ["#Un"]);

    [Fact]
    public void Fit_Utf16Rule_ChoosesWhatTheExactSearchChooses()
    {
        // Arrange
        var template = PostTemplate.Parse("{title}\n\n{summary}\n\n{url} {hashtags}");
        var rule = new Utf16LengthRule(70);

        // Act
        var estimated = new CostFitter(template, Material, rule, string.Empty).Fit(allowCut: true);
        var exact = PostFitter.Fit(template, Material, rule.Fits);

        // Assert
        Assert.NotNull(estimated);
        Assert.Equal(exact.PlainText, estimated.PlainText);
        Assert.Equal("Titre du jour\n\nPremière phrase importante.\n\nhttps://a.ma/x #Un", estimated.PlainText);
    }

    [Fact]
    public void Fit_XRuleNeedsACut_CutsWithinTheWeightedLimit()
    {
        // Arrange
        var template = PostTemplate.Parse("{title}\n\n{summary}\n\n{url}");
        var rule = new XLengthRule(50);

        // Act
        var estimated = new CostFitter(template, Material, rule, string.Empty).Fit(allowCut: true);

        // Assert
        Assert.NotNull(estimated);
        Assert.Equal("Titre du jour\n\nPremière…\n\nhttps://a.ma/x", estimated.PlainText);
        Assert.True(rule.Fits(estimated.PlainText));
    }

    [Fact]
    public void Fit_TemplateGluesTitleToLink_StillReturnsAPostInsideTheRule()
    {
        // Arrange: with no space, X does not see the link as a URL, so piece costs underestimate the post.
        var template = PostTemplate.Parse("{title}{url}");
        var rule = new XLengthRule(30);
        var material = Material with { Title = "Titre" };

        // Act
        var fitted = PostFitter.Fit(template, material, rule);

        // Assert
        Assert.True(rule.Fits(fitted.PlainText), fitted.PlainText);
        Assert.EndsWith("https://a.ma/x", fitted.PlainText, StringComparison.Ordinal);
    }
}
