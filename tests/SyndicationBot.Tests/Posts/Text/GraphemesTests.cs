using System.Globalization;
using CsCheck;
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

    [Fact]
    public void Count_MixedScriptsAndMarks_AgreesWithStringInfo()
    {
        // Arrange: the fast path's ranges next to everything that glues characters together (CR LF, combining
        // marks, harakat, ZWJ, variation selectors, skin tones, regional indicators, Hangul jamo, Arabic prepend).
        string[] pieces =
        [
            "a", "Z", "é", "\r", "\n", "\r\n", " ", "\u00AD", "\u0301", "\u0627", "\u064B", "\u0600", "\u2019", "\u2026", "\u203C",
            "\uFE0F", "\u200D", "\u20E3", "1", "会", "\u3099", "\u1100", "\u1161", "\uAC00", "\U0001F1F2", "\U0001F1E6", "\U0001F468",
            "\U0001F3FD", "\u0915", "\u094D", "\u0E33",
        ];
        var texts = Gen.Int[0, pieces.Length - 1].Array[0, 24].Select(ix => string.Concat(ix.Select(i => pieces[i])));

        // Act // Assert
        texts.Sample(text => Graphemes.Count(text) == new StringInfo(text).LengthInTextElements, iter: 5000);
    }
}
