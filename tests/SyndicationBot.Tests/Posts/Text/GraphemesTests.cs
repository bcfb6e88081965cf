using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

public sealed class GraphemesTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("e\u0301", 1)]
    [InlineData("👨‍👩‍👧‍👦", 1)]
    [InlineData("🇲🇦a", 2)]
    [InlineData("", 0)]
    public void Count_Text_CountsUserPerceivedCharacters(string text, int expected)
    {
        // Arrange // Act
        int count = Graphemes.Count(text);

        // Assert
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("e\u0301x", 1, false)]
    [InlineData("e\u0301x", 2, true)]
    [InlineData("👍🏽", 2, false)]
    public void IsBoundary_Index_TellsWhetherItSplitsACluster(string text, int index, bool expected)
    {
        // Arrange // Act
        bool boundary = Graphemes.IsBoundary(text, index);

        // Assert
        Assert.Equal(expected, boundary);
    }
}
