using System.Text;
using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts;

// X, Mastodon and Bluesky all need the handle to follow "@" directly; a U+2060 WORD JOINER in between breaks
// every one of their mention parsers, stays invisible, and (unlike U+200B) allows no line break inside the
// handle. Only "@" at a word start is touched (not e-mail addresses), and never inside a URL.
internal static class MentionDefuser
{
    public const char WordJoiner = '\u2060';

    public static string Defuse(string text)
    {
        if (text.AsSpan().IndexOfAny('@', '＠') < 0)
        {
            return text;
        }

        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: true);
        var builder = new StringBuilder(text.Length + 4);
        int nextUrl = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            builder.Append(c);
            while (nextUrl < urls.Count && urls[nextUrl].End <= i)
            {
                nextUrl++;
            }

            bool insideUrl = nextUrl < urls.Count && urls[nextUrl].Start <= i;
            if (c is '@' or '＠' && !insideUrl && i + 1 < text.Length && IsHandleChar(text[i + 1])
                && (i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '@' or '＠')))
            {
                builder.Append(WordJoiner);
            }
        }

        return builder.ToString();
    }

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
