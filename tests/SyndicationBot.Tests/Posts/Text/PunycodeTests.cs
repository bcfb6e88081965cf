using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

// Expected lengths are those of punycode.js toASCII (xn--mgbai9azgqp6j, xn--bcher-kva.de, …).
public sealed class PunycodeTests
{
    [Theory]
    [InlineData("lematin", 7)]
    [InlineData("münchen", 14)]
    [InlineData("例え", 11)]
    [InlineData("پاکستان", 17)]
    [InlineData("bücher。de", 16)]
    public void ToAsciiLength_Label_IsTheLengthOfItsPunycodeForm(string label, int expected)
    {
        // Arrange // Act
        int length = Punycode.ToAsciiLength(label);

        // Assert
        Assert.Equal(expected, length);
    }
}
