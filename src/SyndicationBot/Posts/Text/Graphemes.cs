using System.Globalization;
using SyndicationBot.Text;

namespace SyndicationBot.Posts.Text;

// Grapheme clusters as UAX #29 defines them (.NET 5+ StringInfo), the unit Mastodon and Bluesky count.
internal static class Graphemes
{
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        int i = 0;
        while (i < text.Length)
        {
            // In a run of characters UAX #29 always separates, all but the last are one cluster each (the last
            // depends on what follows it).
            int run = IsolatedRun(text[i..]);
            if (run >= 2)
            {
                count += run - 1;
                i += run - 1;
            }

            // NextLength's fast path, inline: most characters of a post take it.
            char c = text[i];
            i += c != '\r' && IsIsolated(c) && (i + 1 == text.Length || IsIsolated(text[i + 1]))
                ? 1
                : StringInfo.GetNextTextElementLength(text[i..]);
            count++;
        }

        return count;
    }

    /// <summary>True when <paramref name="index"/> falls between two grapheme clusters of <paramref name="text"/>.</summary>
    public static bool IsBoundary(string text, int index)
    {
        if (index <= 0 || index >= text.Length)
        {
            return true;
        }

        int i = 0;
        while (i < index)
        {
            i += NextLength(text.AsSpan(i));
        }

        return i == index;
    }

    /// <summary>The length of the grapheme cluster <paramref name="text"/> starts with (StringInfo's answer, faster).</summary>
    public static int NextLength(ReadOnlySpan<char> text)
    {
        // Between two isolated characters UAX #29 always breaks; StringInfo would take a general path of property
        // look-ups for every one of them.
        if (text.Length >= 1 && text[0] != '\r' && IsIsolated(text[0]) && (text.Length == 1 || IsIsolated(text[1])))
        {
            return 1;
        }

        return StringInfo.GetNextTextElementLength(text);
    }

    // How many characters from the start are IsIsolated (and not CR, nor any other control character): each
    // range is skipped with a vectorised search.
    internal static int IsolatedRun(ReadOnlySpan<char> text)
    {
        int length = 0;
        while (length < text.Length && text[length] >= ' ')
        {
            (char first, char last) = IsolatedCharacters.RangeOf(text[length]);
            if (last == '\0')
            {
                break;
            }

            // Control characters are left to StringInfo: CR joins a following LF.
            first = first == '\0' ? ' ' : first;
            int end = text[length..].IndexOfAnyExceptInRange(first, last);
            length = end < 0 ? text.Length : length + end;
        }

        return length;
    }

    private static bool IsIsolated(char c) => IsolatedCharacters.Contains(c);
}
