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
        // The tokens are found from their inner dots (one vectorised search over the text) rather than by visiting
        // every token: a dot followed, inside its token, by a letter, a digit or a non-ASCII character.
        var all = text.AsSpan();
        int from = 0;
        while (from < text.Length)
        {
            int dot = all[from..].IndexOf('.');
            if (dot < 0)
            {
                break;
            }

            dot += from;
            if (dot + 1 >= text.Length || !IsInnerDotFollower(text[dot + 1]))
            {
                from = dot + 1;
                continue;
            }

            int tokenStart = all[..dot].LastIndexOfAny(Spaces) + 1;
            int tokenEnd = all[dot..].IndexOfAny(Spaces);
            tokenEnd = tokenEnd < 0 ? text.Length : dot + tokenEnd;
            int position = tokenStart > 0 ? tokenStart - 1 : 0;
            foreach (var span in ExtractWindow(text.Substring(position, tokenEnd - position), tokenStart == 0, includeWithoutProtocol))
            {
                found.Add(span with { Start = span.Start + position });
            }

            from = tokenEnd + 1;
        }
    }

    // What may follow a dot inside a URL token: not a space (that ends the token), but a letter, digit or non-ASCII.
    private static bool IsInnerDotFollower(char c) => !Spaces.Contains(c) && (char.IsLetterOrDigit(c) || c > '\x7F');

    // Even one match of the reference pattern costs microseconds, and composing measures the same link (and the
    // same sentences) again and again, so each token's result is remembered. It depends on nothing but the token,
    // the space before it and whether the text starts there: the pattern never looks past either end.
    private static UrlSpan[] ExtractWindow(string window, bool atTextStart, bool includeWithoutProtocol)
    {
        var key = (window, atTextStart, includeWithoutProtocol);
        if (WindowCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string lower = window.ToLowerInvariant();
        var found = new List<UrlSpan>();

        // The reference pattern is tried only where it can match (its generated matcher is too large for the JIT to
        // optimise, so every attempt costs microseconds): a window whose dots are followed by no top-level domain
        // holds no URL, and an attempt needs a domain label (or a protocol and one) right after the character it
        // starts on. Both are necessary conditions of the pattern, so skipping the other positions changes nothing.
        if (UrlCandidates.MayHoldDomain(lower))
        {
            var candidates = new UrlCandidates(lower, atTextStart);
            int position = 0;
            while (position < window.Length)
            {
                int attempt = candidates.NextAttempt(position);
                if (attempt < 0)
                {
                    break;
                }

                // Anchored at the attempt: the same match the unanchored pattern finds when it gets there.
                var match = AnchoredUrlHeadRegex().Match(lower, attempt, window.Length - attempt);
                if (!match.Success || (match.Groups[2].Length == 0 && (match.Index != 0 || !atTextStart)))
                {
                    // No match here, or "^" matched at the attempt, where the reference sees a character: go on.
                    position = attempt + 1;
                    continue;
                }

                position = Accept(window, lower, match, includeWithoutProtocol, found);
            }
        }

        UrlSpan[] spans = [.. found];
        if (WindowCache.Count >= MaxCachedWindows)
        {
            WindowCache.Clear();
        }

        WindowCache[key] = spans;
        return spans;
    }

    private const int MaxCachedWindows = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Window, bool AtTextStart, bool IncludeWithoutProtocol), UrlSpan[]> WindowCache = new();

    /// <summary>Forgets every remembered token, so that a benchmark can measure extraction from cold.</summary>
    internal static void ClearCache() => WindowCache.Clear();

    // regexen.spaces: the characters neither a domain, a path nor a query may contain.
    private static readonly System.Buffers.SearchValues<char> Spaces = System.Buffers.SearchValues.Create(
        "\x09\x0A\x0B\x0C\x0D\x20\x85\xA0\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    // The body of the reference's extraction loop; returns where its regex would resume (after path and query).
    private static int Accept(string text, string lower, Match match, bool includeWithoutProtocol, List<UrlSpan> found)
    {
        string before = match.Groups[2].Value;
        string protocol = match.Groups[4].Value;
        var domain = match.Groups[5];
        int start = match.Groups[3].Index;
        int headEnd = match.Index + match.Length;
        int pathEnd = headEnd < lower.Length && lower[headEnd] == '/' ? MatchPath(lower, headEnd + 1) : headEnd;
        int end = pathEnd < lower.Length && lower[pathEnd] == '?' ? MatchQuery(lower, pathEnd + 1) : pathEnd;
        bool hasPath = pathEnd > headEnd;

        // Validity is judged on the original letters (punycode lengths depend on them).
        if (!IsValidUrl(end - start, protocol.Length == 0 ? "https://".Length : protocol.Length, text.Substring(domain.Index, domain.Length)))
        {
            return end;
        }

        if (protocol.Length == 0)
        {
            if (!includeWithoutProtocol || (before.Length > 0 && before[^1] is '-' or '_' or '.' or '/'))
            {
                return end;
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

            return end;
        }

        int urlEnd = end;
        var tco = ValidTcoUrlRegex().Match(lower, start, end - start);
        if (tco.Success)
        {
            if (tco.Groups[1].Length > MaxTcoSlugLength)
            {
                return end;
            }

            urlEnd = start + tco.Length;
        }

        found.Add(new UrlSpan(start, urlEnd - start, HasProtocol: true));
        return end;
    }

    // "(\/validUrlPath*)?" after the slash: path characters and balanced parentheses, ending on an ending
    // character or a parenthesised group (the greedy regex backs off to the last such point).
    private static int MatchPath(string lower, int i)
    {
        int end = i;
        while (i < lower.Length)
        {
            char c = lower[i];
            if (c == '(')
            {
                int group = MatchBalancedParens(lower, i);
                if (group < 0)
                {
                    break;
                }

                i = group;
                end = i;
                continue;
            }

            if (!IsPathChar(c))
            {
                break;
            }

            i++;
            if (IsPathEndingChar(c))
            {
                end = i;
            }
        }

        return end;
    }

    // validUrlBalancedParens: "(" path chars ")" or "(" chars "(" chars ")" chars ")"; returns the end or -1.
    private static int MatchBalancedParens(string lower, int open)
    {
        int i = open + 1;
        int inner = i;
        while (inner < lower.Length && IsPathChar(lower[inner]))
        {
            inner++;
        }

        if (inner > i && inner < lower.Length && lower[inner] == ')')
        {
            return inner + 1;
        }

        if (inner < lower.Length && lower[inner] == '(')
        {
            int nested = inner + 1;
            while (nested < lower.Length && IsPathChar(lower[nested]))
            {
                nested++;
            }

            if (nested > inner + 1 && nested < lower.Length && lower[nested] == ')')
            {
                int after = nested + 1;
                while (after < lower.Length && IsPathChar(lower[after]))
                {
                    after++;
                }

                if (after < lower.Length && lower[after] == ')')
                {
                    return after + 1;
                }
            }
        }

        return -1;
    }

    // "(\?validUrlQueryChars*validUrlQueryEndingChars)?": returns the end after "?", or the "?" itself when none.
    private static int MatchQuery(string lower, int i)
    {
        int end = i - 1;
        while (i < lower.Length && IsQueryChar(lower[i]))
        {
            if (IsQueryEndingChar(lower[i]))
            {
                end = i + 1;
            }

            i++;
        }

        return end;
    }

    private static bool IsPathChar(char c) =>
        IsLowerAlphanumeric(c) || IsCyrillic(c) || IsLatinAccent(c)
        || c is '!' or '*' or '\'' or ';' or ':' or '=' or '+' or ',' or '.' or '$' or '/' or '%' or '#'
            or '[' or ']' or '-' or '\u2013' or '_' or '~' or '@' or '|' or '&';

    private static bool IsPathEndingChar(char c) =>
        IsLowerAlphanumeric(c) || IsCyrillic(c) || IsLatinAccent(c) || c is '+' or '-' or '=' or '_' or '#' or '/';

    private static bool IsQueryChar(char c) =>
        IsLowerAlphanumeric(c)
        || c is '!' or '?' or '*' or '\'' or '@' or '(' or ')' or ';' or ':' or '&' or '=' or '+' or '$' or '/'
            or '%' or '#' or '[' or ']' or '-' or '_' or '.' or ',' or '~' or '|';

    private static bool IsQueryEndingChar(char c) => IsLowerAlphanumeric(c) || c is '-' or '_' or '&' or '=' or '#' or '/';

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsLatinAccent(char c) =>
        c is (>= '\u00C0' and <= '\u00D6') or (>= '\u00D8' and <= '\u00F6') or (>= '\u00F8' and <= '\u024F')
            or '\u0253' or '\u0254' or '\u0256' or '\u0257' or '\u0259' or '\u025B' or '\u0263' or '\u0268'
            or '\u026F' or '\u0272' or '\u0289' or '\u028B' or '\u02BB' or (>= '\u0300' and <= '\u036F')
            or (>= '\u1E00' and <= '\u1EFF');

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

    // Interpreted on purpose: the source generator turns the pattern's TLD alternations into one method too large
    // for the JIT to optimise (it falls back to minimal optimisation, and re-jitting it holds up the tiering of
    // everything else), while the interpreter walks the same pattern faster here (docs/BENCHMARKS.md).
    private static readonly Regex AnchoredUrlHead = new(@"\G(?:" + TwitterTextPatterns.ExtractUrlHead + ")", RegexOptions.CultureInvariant);

    private static Regex AnchoredUrlHeadRegex() => AnchoredUrlHead;

    // Interpreted for the same reason as AnchoredUrlHead: it holds the same TLD alternations.
    private static readonly Regex ValidAsciiDomain = new(TwitterTextPatterns.ValidAsciiDomain, RegexOptions.CultureInvariant);

    private static Regex ValidAsciiDomainRegex() => ValidAsciiDomain;

    [GeneratedRegex(TwitterTextPatterns.ValidTcoUrl, RegexOptions.CultureInvariant)]
    private static partial Regex ValidTcoUrlRegex();
}
