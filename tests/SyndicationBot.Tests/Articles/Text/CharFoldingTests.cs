using System.Globalization;
using System.Text;
using CsCheck;
using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class CharFoldingTests
{
    // Latin with accents, Arabic with hamza forms and harakat, kana with voicing marks, Hangul syllables, CJK.
    private const string Alphabet = "aZ09 .,-ÉéèêëÀàâäÇçÑñÖöÜüßŒœǅ أإآاةهىيَُِّ ٢٠ がかパはガ한국어中文 «»’ ";

    [Theory]
    [InlineData("Lire Aussi", "lire aussi")]
    [InlineData("À LIRE ÉGALEMENT", "a lire egalement")]
    [InlineData("Schlagwörter", "schlagworter")]
    [InlineData("أكتوبر", "اكتوبر")]
    [InlineData("مدرسة", "مدرسه")]
    public void Fold_CueText_MatchesTheFoldedCue(string text, string expected)
    {
        // Arrange
        var input = text.AsSpan();

        // Act
        var folded = CharFolding.Fold(input);

        // Assert
        Assert.Equal(expected, folded);
    }

    [Fact]
    public void Fold_AnyMixOfScripts_EqualsWholeStringDecompositionWithoutMarks()
    {
        // Arrange
        var gen = Gen.Char[Alphabet].Array[0, 300].Select(chars => new string(chars));

        // Act + Assert: the cached per-character fold gives what decomposing the whole line gives.
        gen.Sample(text => Assert.Equal(Reference(text), CharFolding.Fold(text)), iter: 2000);
    }

    private static string Reference(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.Replace('أ', 'ا').Replace('إ', 'ا').Replace('آ', 'ا').Replace('ة', 'ه').Replace('ى', 'ي').ToString();
    }
}
