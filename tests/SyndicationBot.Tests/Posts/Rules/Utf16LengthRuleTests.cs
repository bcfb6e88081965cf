using SyndicationBot.Posts.Rules;
using Xunit;

namespace SyndicationBot.Tests.Posts.Rules;

public sealed class Utf16LengthRuleTests
{
    [Fact]
    public void Measure_AstralCharacters_CountTwoUnitsEach()
    {
        // Arrange
        var target = new Utf16LengthRule(4096);

        // Act
        int length = target.Measure("a😷");

        // Assert
        Assert.Equal(3, length);
    }
}
