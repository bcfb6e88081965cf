using System.Buffers;
using System.Globalization;
using System.Text;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Folds text for cue and month-name matching: lower case, accents and other combining marks removed,
/// Arabic hamza and ta marbuta spellings unified (so "Éte" matches "ete" and أكتوبر matches اكتوبر).
/// </summary>
/// <remarks>
/// Every line of every page is folded, so this is a hot path. Canonical decomposition (NFD) of a whole line
/// allocates several strings; instead each character's folded form is computed once per process, through
/// the same NFD, and cached, which turns a line into one pass and one string.
/// </remarks>
internal static class CharFolding
{
    private const int StackLimit = 768;

    // Filled on first use of each character; a racing thread computes the same value, so no lock is needed.
    private static readonly string?[] Cache = new string?[char.MaxValue + 1];

    /// <summary>The most characters <see cref="Fold(ReadOnlySpan{char}, Span{char})"/> writes for <paramref name="length"/> characters.</summary>
    public static int MaxFoldedLength(int length) => length * 3;

    public static string Fold(ReadOnlySpan<char> text)
    {
        var capacity = MaxFoldedLength(text.Length);
        char[]? rented = null;
        var buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        var written = Fold(text, buffer);
        var result = new string(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>Folds into <paramref name="destination"/> (at least <see cref="MaxFoldedLength"/> long); returns the length written.</summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        // A BMP character folds to at most three (a Hangul syllable's jamo); marks fold to none.
        var written = 0;
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                destination[written++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                continue;
            }

            var folded = Cache[c] ??= FoldChar(c);
            if (folded.Length == 1)
            {
                destination[written++] = folded[0];
                continue;
            }

            folded.CopyTo(destination[written..]);
            written += folded.Length;
        }

        return written;
    }

    private static string FoldChar(char c)
    {
        // Surrogates and noncharacters have no decomposition of their own (and Normalize rejects them alone).
        if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned)
        {
            return c.ToString();
        }

        string decomposed;
        try
        {
            decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return c.ToString();
        }

        var builder = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(d) switch
                {
                    'أ' or 'إ' or 'آ' => 'ا',
                    'ة' => 'ه',
                    'ى' => 'ي',
                    var lower => lower,
                });
            }
        }

        return builder.ToString();
    }
}
