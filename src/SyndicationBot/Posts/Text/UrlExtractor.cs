using System.Text.RegularExpressions;

namespace SyndicationBot.Posts.Text;

// twitter-text's extractUrlsWithIndices (js/src/extractUrlsWithIndices.js) ported line by line around the
// reference's own regular expressions (TwitterTextPatterns), since no .NET port exists and X counts a URL as 23
// only where its extractor finds one.
internal static partial class UrlExtractor
{
    private const int MaxUrlLength = 4096;
    private const int MaxTcoSlugLength = 40;
    private const int MaxDomainLabelLength = 63;

    public static List<UrlSpan> Extract(string text, bool includeWithoutProtocol)
    {
        var found = new List<UrlSpan>();
        Extract(text, includeWithoutProtocol, found);
        return found;
    }

    public static void Extract(string text, bool includeWithoutProtocol, List<UrlSpan> found)
    {
        if (text.Length == 0 || !text.Contains(includeWithoutProtocol ? '.' : ':', StringComparison.Ordinal))
        {
            return;
        }

        // A URL holds no whitespace and its domain holds a dot followed by more of it, so the reference pattern
        // only runs over such whitespace-free tokens, with the character before each (its "preceding char").
        // Run over whole posts it costs milliseconds (it tries every position of every non-ASCII word), and
        // case-insensitively a hundred times more (the TLD alternation loses its trie), so the pattern is
        // matched case-sensitively against a lower-cased copy: same length, same indices.
        string lower = text.ToLowerInvariant();
        int tokenStart = 0;
        while (tokenStart < text.Length)
        {
            int tokenEnd = text.AsSpan(tokenStart).IndexOfAny(Spaces);
            tokenEnd = tokenEnd < 0 ? text.Length : tokenStart + tokenEnd;
            if (HasInnerDot(text.AsSpan(tokenStart, tokenEnd - tokenStart)))
            {
                int windowStart = tokenStart > 0 ? tokenStart - 1 : 0;
                var match = ExtractUrlRegex().Match(lower, windowStart, tokenEnd - windowStart);
                while (match.Success)
                {
                    Accept(text, match, includeWithoutProtocol, found);
                    match = match.NextMatch();
                }
            }

            tokenStart = tokenEnd + 1;
        }
    }

    private static bool HasInnerDot(ReadOnlySpan<char> token)
    {
        int dot = token.IndexOf('.');
        while (dot >= 0 && dot + 1 < token.Length)
        {
            if (char.IsLetterOrDigit(token[dot + 1]) || token[dot + 1] > '\x7F')
            {
                return true;
            }

            int next = token[(dot + 1)..].IndexOf('.');
            dot = next < 0 ? -1 : dot + 1 + next;
        }

        return false;
    }

    // regexen.spaces: the characters neither a domain, a path nor a query may contain.
    private static readonly System.Buffers.SearchValues<char> Spaces = System.Buffers.SearchValues.Create(
        "\x09\x0A\x0B\x0C\x0D\x20\x85\xA0\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    private static void Accept(string text, Match match, bool includeWithoutProtocol, List<UrlSpan> found)
    {
        string before = match.Groups[2].Value;
        var urlGroup = match.Groups[3];
        string protocol = match.Groups[4].Value;
        var domain = match.Groups[5];
        bool hasPath = match.Groups[7].Success && match.Groups[7].Length > 0;
        int start = urlGroup.Index;
        int end = start + urlGroup.Length;

        // Validity is judged on the original letters (punycode lengths depend on them).
        if (!IsValidUrl(urlGroup.Length, protocol.Length == 0 ? "https://".Length : protocol.Length, text.Substring(domain.Index, domain.Length)))
        {
            return;
        }

        if (protocol.Length == 0)
        {
            if (!includeWithoutProtocol || (before.Length > 0 && before[^1] is '-' or '_' or '.' or '/'))
            {
                return;
            }

            // Only the ASCII parts of a protocol-less domain are links; the last one takes the path along.
            int last = -1;
            foreach (Match ascii in ValidAsciiDomainRegex().Matches(domain.Value))
            {
                found.Add(new UrlSpan(domain.Index + ascii.Index, ascii.Length, HasProtocol: false));
                last = found.Count - 1;
            }

            if (last >= 0 && hasPath)
            {
                found[last] = found[last] with { Length = end - found[last].Start };
            }

            return;
        }

        var tco = ValidTcoUrlRegex().Match(urlGroup.Value);
        if (tco.Success)
        {
            if (tco.Groups[1].Length > MaxTcoSlugLength)
            {
                return;
            }

            end = start + tco.Length;
        }

        found.Add(new UrlSpan(start, end - start, HasProtocol: true));
    }

    // isValidUrl + idna.toAscii: every label at most 63 characters once punycoded. (The reference compares the
    // un-encoded domain's length with itself, so only the label rule and the 4096 total matter.)
    private static bool IsValidUrl(int urlLength, int protocolLength, string domain)
    {
        if (domain.StartsWith("xn--", StringComparison.Ordinal) && !ValidAsciiDomainRegex().IsMatch(domain))
        {
            return false;
        }

        foreach (var range in domain.AsSpan().Split('.'))
        {
            int length = Punycode.ToAsciiLength(domain.AsSpan()[range]);
            if (length is < 1 or > MaxDomainLabelLength)
            {
                return false;
            }
        }

        return protocolLength + urlLength <= MaxUrlLength;
    }

    [GeneratedRegex(TwitterTextPatterns.ExtractUrl, RegexOptions.CultureInvariant)]
    private static partial Regex ExtractUrlRegex();

    [GeneratedRegex(TwitterTextPatterns.ValidAsciiDomain, RegexOptions.CultureInvariant)]
    private static partial Regex ValidAsciiDomainRegex();

    [GeneratedRegex(TwitterTextPatterns.ValidTcoUrl, RegexOptions.CultureInvariant)]
    private static partial Regex ValidTcoUrlRegex();
}
