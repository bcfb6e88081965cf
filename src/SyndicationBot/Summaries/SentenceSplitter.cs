using System.Globalization;
using SyndicationBot.Text;

namespace SyndicationBot.Summaries;

// Hand-written rules rather than a library: no maintained .NET sentence segmenter handles French
// typography (« », 8,5 %, 1 200, M., 3ᵉ) together with Arabic and Chinese marks, and ICU's break iterator
// is not exposed by .NET. A boundary needs a terminal mark, then (for Latin marks) whitespace and a
// next sentence that does not start in lower case, and no known abbreviation before the mark.
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        // French
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Drs", "Pr", "St", "Ste", "cf", "Cf", "p", "pp",
        "ex", "env", "av", "apr", "vol", "chap", "art", "al", "bd", "boul", "tél", "Cie", "no", "No", "nos", "Nos", "n°",
        "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "hab", "min", "max", "approx", "resp", "éd",
        "coll", "dir", "fig", "Fig", "vs", "ca", "c.-à-d",

        // English
        "Mr", "Mrs", "Ms", "Prof", "Sr", "Jr", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev", "Hon",
        "Inc", "Ltd", "Co", "Corp", "Bros", "Jan", "Feb", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt",
        "Ft", "Ave", "Blvd", "Rd", "approx", "dept", "est", "e.g", "i.e", "viz", "Fig", "Vol", "Ch",
    };

    public static IReadOnlyList<string> Split(string text, string language)
    {
        var sentences = new List<string>();
        Split(text, language, sentences);
        return sentences;
    }

    public static void Split(string text, string language, List<string> sentences)
    {
        var ranges = new List<Range>();
        Split(text, language, ranges);
        foreach (var range in ranges)
        {
            sentences.Add(Materialize(text, range));
        }
    }

    /// <summary>The sentence <paramref name="range"/> of <paramref name="text"/> (the text itself when it is one sentence).</summary>
    public static string Materialize(string text, Range range)
    {
        var (offset, length) = range.GetOffsetAndLength(text.Length);
        return length == text.Length ? text : text.Substring(offset, length);
    }

    /// <summary>Where the sentences of <paramref name="text"/> are, trimmed; the summariser only copies the ones it keeps.</summary>
    public static void Split(string text, string language, List<Range> sentences)
    {
        bool cjk = language is "zh" or "ja";
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            // Only terminal marks can end a sentence: jump from one to the next.
            int next = text.AsSpan(i).IndexOfAny(Terminals);
            if (next < 0)
            {
                break;
            }

            i += next;
            char c = text[i];
            if (IsCjkTerminal(c))
            {
                int end = AbsorbClosers(text, SkipTerminals(text, i), allowSpace: false);
                Add(text, start, end, sentences);
                start = end;
                i = end;
                continue;
            }

            if (IsLatinTerminal(c))
            {
                int afterMarks = SkipTerminals(text, i);
                int end = AbsorbClosers(text, afterMarks, allowSpace: true);
                if (IsBoundary(text, i, afterMarks, end, cjk))
                {
                    Add(text, start, end, sentences);
                    start = end;
                }

                i = end;
                continue;
            }

            i++;
        }

        Add(text, start, text.Length, sentences);
    }

    private static bool IsBoundary(string text, int markStart, int afterMarks, int end, bool cjk)
    {
        if (end >= text.Length)
        {
            return true;
        }

        char next = text[end];
        if (!char.IsWhiteSpace(next))
        {
            // Chinese text often has no space after a half-width mark; elsewhere "3.4", "U.S." and "(…)" go on.
            return cjk && text[markStart] != '.' && Cjk.IsLetter(next);
        }

        int nextStart = end;
        while (nextStart < text.Length && char.IsWhiteSpace(text[nextStart]))
        {
            nextStart++;
        }

        if (nextStart >= text.Length)
        {
            return true;
        }

        char first = text[nextStart];
        if (char.IsLower(first) || first is ',' or ';' or ':' or ')' or ']' or '»' or '”' or '%' or '‰')
        {
            return false;
        }

        if (text[markStart] == '.' && afterMarks == markStart + 1)
        {
            return !IsAbbreviation(text, markStart);
        }

        return true;
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        int wordStart = WordStart(text, dot);
        if (wordStart == dot)
        {
            return false;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            // An initial (J. Smith) or French "M." before a name.
            return true;
        }

        if (IsInitialism(word))
        {
            return true;
        }

        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(word))
        {
            return true;
        }

        // "p. ex." and "J.-C." keep their inner dots: look at the last dotted piece too.
        int lastDot = word.LastIndexOf('.');
        return lastDot >= 0 && lookup.Contains(word[(lastDot + 1)..].TrimStart('-'));
    }

    // U.S., E.U.A., p.ex: single letters separated by dots.
    private static bool IsInitialism(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return false;
        }

        for (int k = 0; k < word.Length; k++)
        {
            bool letterSlot = k % 2 == 0;
            if (letterSlot ? !char.IsLetter(word[k]) : word[k] != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static int WordStart(string text, int end)
    {
        int k = end;
        while (k > 0 && !char.IsWhiteSpace(text[k - 1]) && text[k - 1] is not ('(' or '«' or '“' or '"' or '\'' or '['))
        {
            k--;
        }

        return k;
    }

    private static int SkipTerminals(string text, int i)
    {
        while (i < text.Length && (IsLatinTerminal(text[i]) || IsCjkTerminal(text[i])))
        {
            i++;
        }

        return i;
    }

    // Closing quotes and brackets belong to the sentence they close, also after a French no-break space (« … . »).
    private static int AbsorbClosers(string text, int i, bool allowSpace)
    {
        while (i < text.Length)
        {
            int j = i;
            if (allowSpace)
            {
                while (j < text.Length && text[j] is '\u00A0' or '\u202F' or ' ')
                {
                    j++;
                }
            }

            if (j < text.Length && IsCloser(text[j]))
            {
                i = j + 1;
                continue;
            }

            break;
        }

        return i;
    }

    private static void Add(string text, int start, int end, List<Range> sentences)
    {
        var span = text.AsSpan(start, end - start);
        int leading = span.Length - span.TrimStart().Length;
        span = span.Trim();
        if (!span.IsEmpty)
        {
            sentences.Add(new Range(start + leading, start + leading + span.Length));
        }
    }

    private static readonly System.Buffers.SearchValues<char> Terminals = System.Buffers.SearchValues.Create(".!?…؟۔‼⁇⁈⁉。！？｡");

    private static bool IsLatinTerminal(char c) => c is '.' or '!' or '?' or '…' or '؟' or '۔' or '‼' or '⁇' or '⁈' or '⁉';

    private static bool IsCjkTerminal(char c) => c is '。' or '！' or '？' or '｡';

    private static bool IsCloser(char c) => c is '»' or '”' or '’' or '"' or '\'' or ')' or ']' or '」' or '』' or '）' or '›' or '〕' or '】';
}
