using System.Buffers;

namespace SyndicationBot.Posts.Text;

// Necessary conditions of twitter-text's extractUrl pattern (TwitterTextPatterns.ExtractUrlHead), checked cheaply so
// that the pattern itself only runs where it can match. Both read the pattern's own pieces: the top-level domains
// are taken from its alternations, and the domain-label character class is checked against the pattern in a test.
internal sealed class UrlCandidates
{
    private const string DomainLookahead = @")(?=[^0-9a-zA-Z@+-]|\z)";

    // The pattern's domain-label class: anything but ASCII punctuation (except '"' and '`'), spaces, the
    // non-characters and the directional marks.
    private static readonly SearchValues<char> NotDomainChars = SearchValues.Create(
        "/!'#%&()*+,\\-.:;<=>?@[]^_{|}~$\t\n\u000B\u000C\r \u0085\u00A0\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
        + "\u2028\u2029\u202F\u205F\u3000\uFFFE\uFEFF\uFFFF\u202A\u202B\u202C\u202D\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069");

    private static readonly HashSet<string> TopLevelDomains = ReadTopLevelDomains();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TopLevelDomainLookup =
        TopLevelDomains.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int[] TopLevelDomainLengths = [.. TopLevelDomains.Select(t => t.Length).Distinct().Order()];

    private static readonly SearchValues<char> TopLevelDomainStarts = SearchValues.Create(
        string.Concat(TopLevelDomains.Select(t => t[0]).Distinct()) + "x");

    private readonly string lower;
    private readonly bool atTextStart;

    // labelReachesDot[i]: the domain-label characters (the class, '_' and '-') from i on end at a '.'.
    private readonly bool[] labelReachesDot;

    public UrlCandidates(string lower, bool atTextStart)
    {
        this.lower = lower;
        this.atTextStart = atTextStart;
        labelReachesDot = new bool[lower.Length + 1];
        for (int i = lower.Length - 1; i >= 0; i--)
        {
            char c = lower[i];
            labelReachesDot[i] = c == '.' || ((IsDomainChar(c) || c is '_' or '-') && labelReachesDot[i + 1]);
        }
    }

    /// <summary>The pattern's top-level domains (both alternations), for tests.</summary>
    internal static IReadOnlyCollection<string> KnownTopLevelDomains => TopLevelDomains;

    /// <summary>Whether <paramref name="c"/> is in the pattern's domain-label class.</summary>
    internal static bool IsDomainChar(char c) => !NotDomainChars.Contains(c);

    /// <summary>
    /// Whether some '.' of the lower-cased text is followed by one of the pattern's top-level domains (then a
    /// character outside [0-9a-zA-Z@+-], or the end) or by "xn--" and a punycode character: every match has one.
    /// </summary>
    public static bool MayHoldDomain(string lower)
    {
        var text = lower.AsSpan();
        int dot = text.IndexOf('.');
        while (dot >= 0)
        {
            int start = dot + 1;
            if (start < text.Length && TopLevelDomainStarts.Contains(text[start]) && EndsTopLevelDomain(text, start))
            {
                return true;
            }

            int next = text[start..].IndexOf('.');
            dot = next < 0 ? -1 : start + next;
        }

        return false;
    }

    /// <summary>
    /// The first position from <paramref name="from"/> on where the pattern may match: the character there is the
    /// one before the URL, which starts with a domain label ending in '.', or with "http://" or "https://" and such
    /// a label; or the text's start, where "^" stands in for that character. -1 when there is none.
    /// </summary>
    public int NextAttempt(int from)
    {
        for (int i = from; i < lower.Length; i++)
        {
            if (MayStartUrl(i + 1) || (i == 0 && atTextStart && MayStartUrl(0)))
            {
                return i;
            }
        }

        return -1;
    }

    private bool MayStartUrl(int start)
    {
        if (start >= lower.Length)
        {
            return false;
        }

        var rest = lower.AsSpan(start);
        int domain = rest.StartsWith("https://") ? start + 8 : rest.StartsWith("http://") ? start + 7 : -1;
        return MayStartDomain(start) || (domain >= 0 && MayStartDomain(domain));
    }

    private bool MayStartDomain(int start) => start < lower.Length && IsDomainChar(lower[start]) && labelReachesDot[start];

    private static bool EndsTopLevelDomain(ReadOnlySpan<char> text, int start)
    {
        var rest = text[start..];
        if (rest.StartsWith("xn--") && rest.Length > 4 && (char.IsAsciiLetterLower(rest[4]) || char.IsAsciiDigit(rest[4]) || rest[4] == '-'))
        {
            return true;
        }

        foreach (int length in TopLevelDomainLengths)
        {
            if (length > rest.Length)
            {
                break;
            }

            if ((length == rest.Length || !IsDomainContinuation(rest[length])) && TopLevelDomainLookup.Contains(rest[..length]))
            {
                return true;
            }
        }

        return false;
    }

    // The lookahead's [0-9a-zA-Z@+-]: a top-level domain may not run on into one of these.
    private static bool IsDomainContinuation(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '+' or '-';

    // The two top-level domain alternations of the pattern, each written "(?:(?:tld|tld|...)" + DomainLookahead.
    private static HashSet<string> ReadTopLevelDomains()
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        string pattern = TwitterTextPatterns.ExtractUrlHead;
        int end = pattern.IndexOf(DomainLookahead, StringComparison.Ordinal);
        while (end >= 0)
        {
            int start = pattern.LastIndexOf("(?:", end, StringComparison.Ordinal) + "(?:".Length;
            domains.UnionWith(pattern[start..end].Split('|'));
            end = pattern.IndexOf(DomainLookahead, end + 1, StringComparison.Ordinal);
        }

        return domains;
    }
}
