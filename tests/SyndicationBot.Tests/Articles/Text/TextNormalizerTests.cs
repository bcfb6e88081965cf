using System.Globalization;
using System.Text;
using CsCheck;
using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class TextNormalizerTests
{
    // Composed and decomposed Latin, Arabic with hamza and madda marks, Hangul syllables and jamo, singletons
    // (Ångström sign, en quad), invisible and bidi controls, CR/LF/U+2028, C1 controls, private use, the BOM.
    private const string Alphabet = "aeAE 09.,\n\r\t\vÉéèe\u0301\u0300\u0327ç«»’ᵉ\u00A0\u202F\u00AD\u200B\u200C\u200D\u202E\u2066\u2028\u0085\u0090\uE000\uFEFF\uFFFD"
        + "\u0627\u0653\u0654\u0655\u0648\u064A\u0622\u0645\u0644\u064E" + "\uD55C\u1112\u1161\u11AB\u1100" + "\u212B\u2000\u2126\uF900";

    [Fact]
    public void IsNfcInert_CharactersThatFollowAnotherInACanonicalDecomposition_AreNeverInert()
    {
        // Arrange: every assigned code point's full canonical decomposition names all characters that NFC may
        // compose with the one before them.
        var composing = new HashSet<char>();
        for (var codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF || CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            var decomposed = char.ConvertFromUtf32(codePoint).Normalize(NormalizationForm.FormD);
            var first = char.IsHighSurrogate(decomposed[0]) ? 2 : 1;
            foreach (var c in decomposed.AsSpan(first))
            {
                composing.Add(c);
            }
        }

        // Act
        var inert = composing.Where(TextNormalizer.IsNfcInert).ToList();

        // Assert
        Assert.True(composing.Count > 100, "the decompositions were read");
        Assert.Empty(inert);
    }

    [Fact]
    public void IsNfcInert_EveryInertCharacter_IsUnchangedByNfcOnItsOwn()
    {
        // Arrange
        var inert = Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(TextNormalizer.IsNfcInert).ToList();

        // Act
        var changed = inert.Where(c => c.ToString().Normalize(NormalizationForm.FormC) != c.ToString()).ToList();

        // Assert
        Assert.True(inert.Count > 40_000, "most of the BMP is inert");
        Assert.Empty(changed);
    }

    [Fact]
    public void IsNfcByTable_AnyMixOfMarksAndLetters_NeverCallsNonNfcTextNormalized()
    {
        // Arrange
        var gen = Gen.Char[Alphabet].Array[0, 60].Select(chars => new string(chars));

        // Act + Assert
        gen.Sample(text => Assert.True(!TextNormalizer.IsNfcByTable(text) || text.IsNormalized(NormalizationForm.FormC), text), iter: 5000);
    }

    [Fact]
    public void NormalizeDocument_AnyMixOfScriptsAndControls_EqualsCharacterByCharacterReference()
    {
        // Arrange
        var gen = Gen.Char[Alphabet].Array[0, 200].Select(chars => new string(chars));

        // Act + Assert: the table-driven pass gives what NFC followed by the per-character rules gives.
        gen.Sample(text => Assert.Equal(Reference(text), TextNormalizer.NormalizeDocument(text)), iter: 5000);
    }

    [Theory]
    [InlineData("e\u0301te\u0301", "été")]
    [InlineData("a\u200Bb\u202Ec\uFEFFd", "abcd")]
    [InlineData("one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour")]
    [InlineData("plain text stays as it is", "plain text stays as it is")]
    [InlineData("\u0627\u0653 \uD55C", "\u0622 \uD55C")]
    public void NormalizeDocument_Text_IsComposedAndCleaned(string text, string expected)
    {
        // Arrange
        var input = text;

        // Act
        var normalized = TextNormalizer.NormalizeDocument(input);

        // Assert
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("  two   spaces\tand\ttabs \n", "two spaces and tabs")]
    [InlineData("already single", "already single")]
    [InlineData("no-break\u00A0\u00A0stays", "no-break\u00A0\u00A0stays")]
    public void CollapseSpaces_LineOrSlice_CollapsesAsciiWhitespaceOnly(string text, string expected)
    {
        // Arrange
        var slice = ("[" + text + "]").AsSpan(1, text.Length);

        // Act
        var fromString = TextNormalizer.CollapseSpaces(text);
        var fromSlice = TextNormalizer.CollapseSpaces(slice);

        // Assert
        Assert.Equal(expected, fromString);
        Assert.Equal(expected, fromSlice);
    }

    // The rules as the type documents them, one character at a time, with no tables or fast paths.
    private static string Reference(string text)
    {
        var composed = text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder();
        for (var i = 0; i < composed.Length; i++)
        {
            var c = composed[i];
            switch (c)
            {
                case '\r' when i + 1 < composed.Length && composed[i + 1] == '\n':
                    break;
                case '\r' or '\v' or '\f' or '\u2028' or '\u2029' or '\u0085':
                    builder.Append('\n');
                    break;
                case '\n' or '\t':
                    builder.Append(c);
                    break;
                case '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' or '\u200E' or '\u200F' or '\u061C' or '\uFFFD':
                case >= '\u202A' and <= '\u202E':
                case >= '\u2066' and <= '\u2069':
                    break;
                default:
                    if (char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
