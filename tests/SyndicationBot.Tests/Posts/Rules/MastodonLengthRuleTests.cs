using SyndicationBot.Posts.Rules;
using Xunit;

namespace SyndicationBot.Tests.Posts.Rules;

public sealed class MastodonLengthRuleTests
{
    [Theory]
    [InlineData("https://www.lematin.ma/nation/un-chemin-bien-plus-long-que-vingt-trois.html", 23)]
    [InlineData("lemonde.fr/afrique", 18)]
    [InlineData("👨‍👩‍👧‍👦 e\u0301", 3)]
    [InlineData("Voir https://a.ma/x 🇲🇦", 5 + 23 + 2)]
    public void Measure_Text_CountsGraphemesAndSchemeUrlsAs23(string text, int expected)
    {
        // Arrange
        var target = new MastodonLengthRule(500);

        // Act
        int length = target.Measure(text);

        // Assert
        Assert.Equal(expected, length);
    }

    [Fact]
    public void Fits_InstanceLimit_IsTheBound()
    {
        // Arrange
        var target = new MastodonLengthRule(10);

        // Act // Assert
        Assert.True(target.Fits(new string('a', 10)));
        Assert.False(target.Fits(new string('a', 11)));
    }
}
