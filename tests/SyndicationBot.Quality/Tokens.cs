using System.Globalization;
using System.Text;

namespace SyndicationBot.Quality;

/// <summary>
/// Words as extraction benchmarks count them: case-folded, punctuation stripped, split on anything that is not a
/// letter, digit or mark. Scripts written without spaces (Han, Hiragana, Katakana) count each character as a word,
/// otherwise a Chinese paragraph would be one giant "word" and overlap would be all or nothing.
/// </summary>
internal static class Tokens
{
    private const char Tatweel = '\u0640';

    public static List<string> Of(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (IsUnspaced(c))
            {
                Flush(tokens, word);
                tokens.Add(c.ToString());
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (c == Tatweel || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                // Arabic harakat and tatweel, joiners: spelling variants of the same word, not letters.
                continue;
            }

            if (char.IsLetterOrDigit(c) || category is UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush(tokens, word);
            }
        }

        Flush(tokens, word);
        return tokens;
    }

    private static bool IsUnspaced(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF');

    private static void Flush(List<string> tokens, StringBuilder word)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}
