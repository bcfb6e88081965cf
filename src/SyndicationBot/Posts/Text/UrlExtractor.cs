using System.Globalization;

namespace SyndicationBot.Posts.Text;

// A hand-written port of twitter-text's URL extractor (js/src/extractUrlsWithIndices.js and its regexps),
// since no .NET port exists. It finds the same URLs for the shapes news text contains: a protocol or a bare
// ASCII domain, a domain ending in a TLD from twitter-text's list, an optional port, path and query with
// twitter-text's allowed and ending characters, and every label at most 63 characters once punycoded.
internal static class UrlExtractor
{
    private const int MaxUrlLength = 4096;
    private const int MaxDomainLabelLength = 63;
    private const int MaxTldLength = 24;

    private static readonly IdnMapping Idn = new();

    public static List<UrlSpan> Extract(string text, bool includeWithoutProtocol)
    {
        var found = new List<UrlSpan>();
        Extract(text, includeWithoutProtocol, found);
        return found;
    }

    public static void Extract(string text, bool includeWithoutProtocol, List<UrlSpan> found)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if ((c is 'h' or 'H') && IsValidPrecedingChar(text, i))
            {
                int protocolLength = ProtocolLength(text, i);
                if (protocolLength > 0)
                {
                    int end = MatchAfterProtocol(text, i + protocolLength, out bool syntactic);
                    if (end > 0)
                    {
                        found.Add(new UrlSpan(i, end - i, HasProtocol: true));
                        i = end;
                        continue;
                    }

                    if (syntactic)
                    {
                        // twitter-text drops an invalid match whole (the regex has consumed it).
                        i = -end;
                        continue;
                    }
                }
            }

            if (includeWithoutProtocol && IsAsciiAlphanumeric(c) && IsValidPrecedingChar(text, i)
                && (i == 0 || text[i - 1] is not ('-' or '_' or '.' or '/')))
            {
                int end = MatchWithoutProtocol(text, i, out bool syntactic);
                if (end > 0)
                {
                    found.Add(new UrlSpan(i, end - i, HasProtocol: false));
                    i = end;
                    continue;
                }

                if (syntactic)
                {
                    i = -end;
                    continue;
                }
            }

            i++;
        }
    }

    private static int ProtocolLength(string text, int i)
    {
        if (string.Compare(text, i, "https://", 0, 8, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return 8;
        }

        return string.Compare(text, i, "http://", 0, 7, StringComparison.OrdinalIgnoreCase) == 0 ? 7 : 0;
    }

    private static bool IsValidPrecedingChar(string text, int i)
    {
        if (i == 0)
        {
            return true;
        }

        char p = text[i - 1];
        return !(IsAsciiAlphanumeric(p) || p is '@' or '＠' or '$' or '#' or '＃' || IsInvalidChar(p));
    }

    // Returns the URL end (> 0), or the negated end of a syntactically complete but invalid URL, or 0.
    private static int MatchAfterProtocol(string text, int domainStart, out bool syntactic)
    {
        syntactic = false;
        int domainEnd = MatchDomain(text, domainStart, asciiOnly: false, out _);
        if (domainEnd < 0)
        {
            return 0;
        }

        int end = MatchPortPathQuery(text, domainEnd, out _);
        if (!IsValidDomain(text.AsSpan(domainStart, domainEnd - domainStart)) || end - domainStart > MaxUrlLength)
        {
            syntactic = true;
            return -end;
        }

        return end;
    }

    private static int MatchWithoutProtocol(string text, int start, out bool syntactic)
    {
        syntactic = false;
        int domainEnd = MatchDomain(text, start, asciiOnly: true, out bool shortCountryDomain);
        if (domainEnd < 0)
        {
            return 0;
        }

        int end = MatchPortPathQuery(text, domainEnd, out bool hasPath);
        if (!IsValidDomain(text.AsSpan(start, domainEnd - start)) || end - start > MaxUrlLength)
        {
            syntactic = true;
            return -end;
        }

        // twitter-text: a bare "name.cc" (country TLD other than .co/.tv) is a URL only with a path.
        if (shortCountryDomain && !hasPath)
        {
            return 0;
        }

        return end;
    }

    // Finds the longest run of labels that ends in a known TLD; returns the domain end or -1.
    private static int MatchDomain(string text, int start, bool asciiOnly, out bool shortCountryDomain)
    {
        shortCountryDomain = false;
        Span<int> labelStarts = stackalloc int[32];
        Span<int> labelEnds = stackalloc int[32];
        int count = 0;
        int i = start;
        while (count < 32)
        {
            int labelStart = i;
            while (i < text.Length && IsDomainChar(text[i], asciiOnly))
            {
                i++;
            }

            if (i == labelStart)
            {
                break;
            }

            labelStarts[count] = labelStart;
            labelEnds[count] = i;
            count++;
            if (i < text.Length && text[i] == '.' && i + 1 < text.Length && IsDomainChar(text[i + 1], asciiOnly))
            {
                i++;
                continue;
            }

            break;
        }

        for (int k = count - 1; k >= 1; k--)
        {
            int tldEnd = MatchTld(text, labelStarts[k], labelEnds[k]);
            if (tldEnd > 0)
            {
                shortCountryDomain = k == 1
                    && TopLevelDomains.IsCountry(text.AsSpan(labelStarts[k], tldEnd - labelStarts[k]))
                    && !IsSpecialShortTld(text.AsSpan(labelStarts[k], tldEnd - labelStarts[k]));
                return tldEnd;
            }
        }

        return -1;
    }

    private static bool IsSpecialShortTld(ReadOnlySpan<char> tld) =>
        tld.Equals("co", StringComparison.OrdinalIgnoreCase) || tld.Equals("tv", StringComparison.OrdinalIgnoreCase);

    // The longest TLD that starts the label and is followed by neither [0-9a-z@+-]; returns its end or -1.
    private static int MatchTld(string text, int labelStart, int labelEnd)
    {
        int max = Math.Min(labelEnd - labelStart, MaxTldLength);
        for (int length = max; length >= 2; length--)
        {
            int end = labelStart + length;
            if (end < text.Length && (IsAsciiAlphanumeric(text[end]) || text[end] is '@' or '+' or '-'))
            {
                continue;
            }

            var candidate = text.AsSpan(labelStart, length);
            if (TopLevelDomains.IsKnown(candidate) || IsPunycodeTld(candidate))
            {
                return end;
            }
        }

        return -1;
    }

    private static bool IsPunycodeTld(ReadOnlySpan<char> tld)
    {
        if (tld.Length < 5 || !tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (char c in tld[4..])
        {
            if (!IsAsciiAlphanumeric(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(ReadOnlySpan<char> domain)
    {
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty)
            {
                return false;
            }

            if (System.Text.Ascii.IsValid(label))
            {
                if (label.Length > MaxDomainLabelLength)
                {
                    return false;
                }

                continue;
            }

            try
            {
                if (Idn.GetAscii(label.ToString()).Length > MaxDomainLabelLength)
                {
                    return false;
                }
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return true;
    }

    private static int MatchPortPathQuery(string text, int i, out bool hasPath)
    {
        hasPath = false;
        if (i + 1 < text.Length && text[i] == ':' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '/')
        {
            hasPath = true;
            i = MatchRun(text, i + 1, IsPathChar, IsPathEndingChar, allowParens: true);
        }

        if (i < text.Length && text[i] == '?')
        {
            int queryEnd = MatchRun(text, i + 1, IsQueryChar, IsQueryEndingChar, allowParens: false);
            if (queryEnd > i + 1)
            {
                hasPath = true;
                i = queryEnd;
            }
        }

        return i;
    }

    // Consumes allowed characters greedily, then backs off to the last character allowed to end a URL.
    private static int MatchRun(string text, int start, Func<char, bool> allowed, Func<char, bool> ending, bool allowParens)
    {
        int i = start;
        int lastEnd = start;
        int depth = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (allowParens && c == '(')
            {
                depth++;
            }
            else if (allowParens && c == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
                i++;
                if (depth == 0)
                {
                    lastEnd = i;
                }

                continue;
            }
            else if (!allowed(c))
            {
                break;
            }

            i++;
            if (depth == 0 && ending(c))
            {
                lastEnd = i;
            }
        }

        return lastEnd;
    }

    private static bool IsDomainChar(char c, bool asciiOnly)
    {
        if (asciiOnly)
        {
            return IsAsciiAlphanumeric(c) || c is '-' or '_';
        }

        if (c is '-' or '_')
        {
            return true;
        }

        return !(char.IsAscii(c) && !IsAsciiAlphanumeric(c))
            && !char.IsWhiteSpace(c) && !IsInvalidChar(c) && !IsDirectionalMarker(c);
    }

    private static bool IsPathChar(char c) =>
        IsAsciiAlphanumeric(c) || IsCyrillic(c) || IsLatinAccent(c)
        || c is '!' or '*' or '\'' or ';' or ':' or '=' or '+' or ',' or '.' or '$' or '/' or '%' or '#'
            or '[' or ']' or '-' or '\u2013' or '_' or '~' or '&' or '|' or '@';

    private static bool IsPathEndingChar(char c) =>
        IsAsciiAlphanumeric(c) || IsCyrillic(c) || IsLatinAccent(c) || c is '=' or '_' or '#' or '/' or '+' or '-';

    private static bool IsQueryChar(char c) =>
        IsAsciiAlphanumeric(c)
        || c is '!' or '?' or '*' or '\'' or '@' or '(' or ')' or ';' or ':' or '&' or '=' or '+' or '$' or '/'
            or '%' or '#' or '[' or ']' or '-' or '_' or '.' or ',' or '~' or '|';

    private static bool IsQueryEndingChar(char c) => IsAsciiAlphanumeric(c) || c is '-' or '_' or '&' or '=' or '#' or '/';

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsLatinAccent(char c) =>
        c is (>= '\u00C0' and <= '\u00D6') or (>= '\u00D8' and <= '\u00F6') or (>= '\u00F8' and <= '\u024F')
            or '\u0253' or '\u0254' or '\u0256' or '\u0257' or '\u0259' or '\u025B' or '\u0263' or '\u0268'
            or '\u026F' or '\u0272' or '\u0289' or '\u028B' or '\u02BB' or (>= '\u0300' and <= '\u036F')
            or (>= '\u1E00' and <= '\u1EFF');

    internal static bool IsAsciiAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);

    private static bool IsInvalidChar(char c) => c is '\uFFFE' or '\uFEFF' or '\uFFFF';

    private static bool IsDirectionalMarker(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
