using System.Globalization;

namespace SyndicationBot.Posts.Text;

// Grapheme clusters as UAX #29 defines them (.NET 5+ StringInfo), the unit Mastodon and Bluesky count.
internal static class Graphemes
{
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
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
            i += StringInfo.GetNextTextElementLength(text.AsSpan(i));
        }

        return i == index;
    }
}
