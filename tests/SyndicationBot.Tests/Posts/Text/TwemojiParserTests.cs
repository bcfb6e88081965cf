using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

public sealed class TwemojiParserTests
{
    [Theory]
    [InlineData("👨‍👩‍👧‍👦 suite", 11)]
    [InlineData("👍🏽!", 4)]
    [InlineData("🇲🇦🇫🇷", 4)]
    [InlineData("1⃣", 2)]
    [InlineData("1️⃣", 3)]
    [InlineData("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 14)]
    public void Parse_EmojiSequence_FindsTheWholeSequenceFirst(string text, int expected)
    {
        // Arrange // Act
        var emoji = TwemojiParser.Parse(text);

        // Assert
        Assert.Equal(0, emoji[0].Start);
        Assert.Equal(expected, emoji[0].Length);
    }

    [Theory]
    [InlineData("abc 123 # *")]
    [InlineData("会议 مرحبا")]
    public void Parse_NoEmoji_FindsNothing(string text)
    {
        // Arrange // Act
        var emoji = TwemojiParser.Parse(text);

        // Assert
        Assert.Empty(emoji);
    }

    [Fact]
    public void Parse_SequenceNotInTheReferenceList_SplitsIntoKnownEmoji()
    {
        // Arrange
        const string manZwjTrex = "👨\u200D🦖";

        // Act
        var emoji = TwemojiParser.Parse(manZwjTrex);

        // Assert
        Assert.Equal([new UrlSpan(0, 2, false), new UrlSpan(3, 2, false)], emoji);
    }
}
