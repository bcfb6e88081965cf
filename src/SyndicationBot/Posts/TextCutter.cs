using SyndicationBot.Posts.Rules;
using SyndicationBot.Posts.Text;
using SyndicationBot.Summaries;
using SyndicationBot.Text;

namespace SyndicationBot.Posts;

// Shortens a sentence to fit: the longest prefix ending at a word boundary (or between CJK characters) that
// fits, with "…" appended. A cut never falls inside a URL, a number ("1 200") or a grapheme cluster, and never
// right after a URL, hashtag or handle, where "…" would be read as part of it.
internal static class TextCutter
{
    public const string Ellipsis = "…";

    public static string? Cut(string text, Func<string, bool> fits)
    {
        var points = CutPoints(text);
        if (points.Count == 0)
        {
            return null;
        }

        int lo = 0, hi = points.Count - 1, best = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (fits(Shorten(text, points[mid])))
            {
                best = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return best >= 0 ? Shorten(text, points[best]) : null;
    }

    /// <summary>Like <see cref="Cut(string, Func{string, bool})"/>, judging each candidate by the cost of its prefix.</summary>
    public static string? Cut(string text, TextCost[] prefixCosts, TextCost ellipsisCost, Func<TextCost, bool> within)
    {
        var points = CutPoints(text);
        int lo = 0, hi = points.Count - 1, best = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (within(prefixCosts[ShortenEnd(text, points[mid])].Plus(ellipsisCost)))
            {
                best = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return best >= 0 ? Shorten(text, points[best]) : null;
    }

    public static string Shorten(string text, int cut) => string.Concat(text.AsSpan(0, ShortenEnd(text, cut)), Ellipsis);

    // Where the kept text ends: before the cut's trailing spaces and any punctuation that would dangle before "…".
    public static int ShortenEnd(string text, int cut)
    {
        var prefix = text.AsSpan(0, cut).TrimEnd();
        return prefix.TrimEnd(",;:–—-(«“‘\"'[ \u00A0\u202F\u3001\uFF0C\u060C").Length;
    }

    public static List<int> CutPoints(string text)
    {
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: true);
        var points = new List<int>();
        int nextUrl = 0;
        int tokenStart = 0;
        int firstWordChar = IndexOfWordChar(text);
        for (int i = 1; i < text.Length; i++)
        {
            char before = text[i - 1];
            char at = text[i];

            // Most characters neither are nor follow a break space, and are below the CJK ranges: nothing happens there
            // (the URL cursor only moves forward, so it catches up at the next character that matters).
            if (at < Cjk.Lowest && !IsBreakSpace(at) && !IsBreakSpace(before))
            {
                continue;
            }

            while (nextUrl < urls.Count && urls[nextUrl].End < i)
            {
                nextUrl++;
            }

            bool insideUrl = nextUrl < urls.Count && urls[nextUrl].Start < i && i <= urls[nextUrl].End;
            if (IsBreakSpace(at) && !IsBreakSpace(before))
            {
                bool splitsNumber = char.IsDigit(before) && i + 1 < text.Length && char.IsDigit(text[i + 1]);
                bool afterEntity = text[tokenStart] is '#' or '@' or '＃' or '＠';
                if (!insideUrl && !splitsNumber && !afterEntity && firstWordChar >= 0 && firstWordChar < i)
                {
                    points.Add(i);
                }
            }
            else if (!insideUrl && Cjk.IsLetter(at) && (Cjk.IsLetter(before) || IsCjkPunctuation(before)))
            {
                points.Add(i);
            }

            if (IsBreakSpace(before) && !IsBreakSpace(at))
            {
                tokenStart = i;
            }
        }

        return points;
    }

    // A cut needs a word before it; found once rather than rescanning the prefix at every space.
    private static int IndexOfWordChar(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // No-break spaces (U+00A0, U+202F) bind "8,5 %" and "M. Dupont": they are not break opportunities.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsBreakSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\u2009' or '\u3000';

    private static bool IsCjkPunctuation(char c) => c is '，' or '、' or '；' or '：' or '」' or '』' or '）' or '”';
}
