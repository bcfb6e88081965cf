using System.Text;
using CsCheck;
using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

public sealed class TwitterTextTests
{
    [Theory]
    [InlineData("…", 2)]
    [InlineData("€", 2)]
    [InlineData("\u202F", 2)]
    [InlineData("«\u00A0oui\u00A0»", 7)]
    [InlineData("l’été", 5)]
    [InlineData("会议", 4)]
    [InlineData("مرحبا", 5)]
    public void WeightedLength_FrenchAndOtherScripts_CountsByCodePointWeight(string text, int expected)
    {
        // Arrange // Act
        int length = TwitterText.WeightedLength(text);

        // Assert
        Assert.Equal(expected, length);
    }

    [Theory]
    [InlineData("Voir https://www.lematin.ma/nation/un-tres-long-chemin-de-page-qui-depasse-vingt-trois-caracteres.html", 28)]
    [InlineData("Voir lemonde.fr/international/article", 28)]
    [InlineData("Voir https://exemple.test/page", 30)]
    [InlineData("Voir bit.ly", 28)]
    [InlineData("Voir http://a_b.com", 19)]
    public void WeightedLength_Urls_CountTwentyThreeOnlyForRealTlds(string text, int expected)
    {
        // Arrange // Act
        int length = TwitterText.WeightedLength(text);

        // Assert
        Assert.Equal(expected, length);
    }

    [Theory]
    [InlineData("👨‍👩‍👧‍👦", 2)]
    [InlineData("👍🏽", 2)]
    [InlineData("🇲🇦", 2)]
    [InlineData("#️⃣", 2)]
    [InlineData("❤️", 2)]
    [InlineData("👩🏽‍🚀👩🏽‍🚀", 4)]
    [InlineData("👨‍🦖", 5)]
    public void WeightedLength_EmojiSequences_CountTwoEach(string text, int expected)
    {
        // Arrange // Act
        int length = TwitterText.WeightedLength(text);

        // Assert
        Assert.Equal(expected, length);
    }

    [Fact]
    public void Parse_DecomposedText_CountsTheNfcForm()
    {
        // Arrange
        string decomposed = "e\u0301te\u0301";

        // Act
        var result = TwitterText.Parse(decomposed, TwitterTextConfiguration.Version3);

        // Assert
        Assert.Equal(3, result.WeightedLength);
        Assert.Equal(decomposed.Length - 1, result.DisplayRangeEnd);
    }

    [Fact]
    public void Parse_281WeightedCharacters_IsInvalid()
    {
        // Arrange
        string text = new('a', 281);

        // Act
        var result = TwitterText.Parse(text, TwitterTextConfiguration.Version3);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(279, result.ValidRangeEnd);
    }

    [Fact]
    public void ToNfc_NoncharacterAmongDecomposedText_NormalisesAroundIt()
    {
        // Arrange // Act
        string normalized = TwitterText.ToNfc("e\u0301\uFFFFa\u0308");

        // Assert
        Assert.Equal("é\uFFFFä", normalized);
    }

    [Fact]
    public void ToNfc_TextOfStableRanges_IsAlreadyNormalizedAsIcuSays()
    {
        // Arrange: every character the shortcut takes as NFC without asking ICU, in random order.
        var texts = Gen.OneOf(Gen.Char['\0', '\u02FF'], Gen.Char['\u0620', '\u064A'], Gen.Char['\u2010', '\u2027'], Gen.Char['\u2030', '\u205E'], Gen.Char['\u4E00', '\u9FFF'])
            .Array[1, 40].Select(chars => new string(chars));

        // Act // Assert
        texts.Sample(text => text.IsNormalized(NormalizationForm.FormC) && ReferenceEquals(TwitterText.ToNfc(text), text), iter: 5000);
    }
}
