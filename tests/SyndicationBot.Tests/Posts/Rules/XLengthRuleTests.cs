using SyndicationBot.Posts.Rules;
using Xunit;

namespace SyndicationBot.Tests.Posts.Rules;

public sealed class XLengthRuleTests
{
    [Fact]
    public void Fits_140CjkCharacters_FillsExactly280()
    {
        // Arrange
        var target = new XLengthRule(280);
        string text = new('会', 140);

        // Act // Assert
        Assert.Equal(280, target.Measure(text));
        Assert.True(target.Fits(text));
        Assert.False(target.Fits(text + "a"));
    }

    [Fact]
    public void Fits_ByteOrderMarkInText_Rejects()
    {
        // Arrange
        var target = new XLengthRule(280);

        // Act // Assert
        Assert.False(target.Fits("abc\uFEFF"));
    }
    [Theory]
    [InlineData("Selon Sportsnet.ca, le match est reporté.", "Selon , le match est reporté.")]
    [InlineData("Il est temps: time.now ou jamais.", "Il est temps:  ou jamais.")]
    public void Measure_BareDomainInProse_CountsAsALinkLikeX(string text, string withoutDomain)
    {
        // Arrange: X's own counter (twitter-text) takes any bare domain for a link of 23, whatever a reader sees;
        // Bluesky's facets link fewer words, and that must not change what X is sent.
        var target = new XLengthRule(280);

        // Act
        int length = target.Measure(text);

        // Assert
        Assert.Equal(withoutDomain.Length + 23, length);
    }
}
