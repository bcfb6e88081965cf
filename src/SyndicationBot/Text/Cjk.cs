using System.Globalization;

namespace SyndicationBot.Text;

/// <summary>
/// CJK letters: Han ideographs (with Extension A and the compatibility block), kana, bopomofo and Hangul
/// syllables. Each is a syllable or a word of its own, which is what every caller needs: the sentence splitter
/// (a sentence may follow "。" without a space), the summariser and the cutter (a word boundary may fall between
/// two of them), the scraped-page scorer (each counts as a word) and the date parser (each weighs as a word).
/// </summary>
internal static class Cjk
{
    /// <summary>The lowest CJK letter: below it, <see cref="IsLetter"/> is false without a look-up.</summary>
    public const char Lowest = '\u2E80';

    public static bool IsLetter(char c) =>
        // The range first: it rules out Latin, Arabic and Cyrillic letters without a category look-up; the category
        // then leaves out the punctuation, marks and symbols the CJK blocks also hold ("・", "〜", "㈱").
        c is (>= Lowest and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF')
            && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;
}
