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
}
