using SyndicationBot.Posts.Rules;
using Xunit;

namespace SyndicationBot.Tests.Posts.Rules;

public sealed class BlueskyLengthRuleTests
{
    [Fact]
    public void Fits_300Graphemes_Accepts()
    {
        // Arrange
        var target = new BlueskyLengthRule(300);

        // Act // Assert
        Assert.True(target.Fits(string.Concat(Enumerable.Repeat("e\u0301", 300))));
        Assert.False(target.Fits(new string('a', 301)));
    }

    [Fact]
    public void Fits_FewGraphemesButOver3000Bytes_Rejects()
    {
        // Arrange
        var target = new BlueskyLengthRule(300);
        string heavy = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 121));

        // Act
        bool fits = target.Fits(heavy);

        // Assert
        Assert.Equal(121, target.Measure(heavy));
        Assert.False(fits);
    }
}
