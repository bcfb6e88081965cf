using SyndicationBot.Text;
using Xunit;

namespace SyndicationBot.Tests.Text;

public sealed class CjkTests
{
    [Theory]
    [InlineData('中')] // Han
    [InlineData('㐀')] // Han, Extension A
    [InlineData('豈')] // Han, compatibility ideograph
    [InlineData('の')] // hiragana
    [InlineData('カ')] // katakana
    [InlineData('한')] // Hangul syllable
    [InlineData('ㄅ')] // bopomofo
    public void IsLetter_CjkLetter_IsTrue(char c)
    {
        // Act
        bool result = Cjk.IsLetter(c);

        // Assert
        Assert.True(result);
    }

    [Theory]
    [InlineData('a')]
    [InlineData('é')]
    [InlineData('ب')] // Arabic
    [InlineData('。')] // ideographic full stop
    [InlineData('・')] // katakana middle dot: punctuation inside the kana block
    [InlineData('㈱')] // parenthesised ideograph: a symbol
    [InlineData('１')] // full-width digit
    public void IsLetter_NotACjkLetter_IsFalse(char c)
    {
        // Act
        bool result = Cjk.IsLetter(c);

        // Assert
        Assert.False(result);
    }

    [Fact]
    public void IsLetter_BelowLowest_IsNeverTrue()
    {
        // Arrange
        var below = Enumerable.Range(0, Cjk.Lowest).Select(i => (char)i);

        // Act
        var letters = below.Where(Cjk.IsLetter).ToList();

        // Assert
        Assert.Empty(letters);
    }
}
