using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

public sealed class EmojiSequencesTests
{
    [Theory]
    [InlineData("👨‍👩‍👧‍👦 suite", 11)]
    [InlineData("👍🏽!", 4)]
    [InlineData("🇲🇦🇫🇷", 4)]
    [InlineData("1⃣", 2)]
    [InlineData("1️⃣", 3)]
    [InlineData("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 14)]
    [InlineData("❤️‍🔥", 5)]
    [InlineData("☺", 1)]
    public void MatchLength_EmojiSequence_CoversTheWholeSequence(string text, int expected)
    {
        // Arrange // Act
        int length = EmojiSequences.MatchLength(text, 0);

        // Assert
        Assert.Equal(expected, length);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("会")]
    [InlineData("☺\uFE0E")]
    public void MatchLength_NotAnEmoji_ReturnsZero(string text)
    {
        // Arrange // Act
        int length = EmojiSequences.MatchLength(text, 0);

        // Assert
        Assert.Equal(0, length);
    }

    [Fact]
    public void MatchLength_ZwjFollowedByText_StopsBeforeTheJoiner()
    {
        // Arrange
        const string text = "👨\u200Da";

        // Act
        int length = EmojiSequences.MatchLength(text, 0);

        // Assert
        Assert.Equal(2, length);
    }
}
