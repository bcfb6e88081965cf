namespace SyndicationBot.Articles.Text;

/// <summary>
/// Recognises byline and dateline lines ("By Jane Doe | 27 November 2026, 14:05", "Par Karim B., le 27/11/2026",
/// "بقلم أحمد علي", "记者 王明 2026年11月27日"). The prefixes are the grammar of a byline in each language,
/// not a site's strings.
/// </summary>
internal static class BylineParser
{
    private static readonly string[] Prefixes =
    [
        "by", "written by", "reporting by", "words by", "author", "par", "rédigé par", "auteur", "auteure", "por", "autor", "autora",
        "von", "di", "door", "av", "بقلم", "كتب", "كتبت", "بواسطة", "الكاتب", "إعداد", "作者", "记者", "記者", "文", "撰文", "筆者", "编辑", "編集",
    ];

    private static readonly System.Buffers.SearchValues<char> SentenceStops = System.Buffers.SearchValues.Create(".!?。！？؟");

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９");

    private static readonly string[] Separators = [" | ", " - ", " — ", " – ", " · ", " • ", "|", " / ", "　"];

    /// <summary>Reads <paramref name="line"/> as a byline and/or dateline; false when it is anything else.</summary>
    public static bool TryParse(string line, out string? author, out DateTimeOffset? published)
    {
        author = null;
        published = null;
        if (line.Length > 140 || (!line.AsSpan().ContainsAny(Digits) && !StartsWithPrefix(line)))
        {
            return false;
        }

        string? unprefixedName = null;
        TimeSpan? time = null;
        foreach (var part in Split(line))
        {
            if (TryTime(part, out var clock))
            {
                time ??= clock;
            }
            else if (TryAuthor(part, out var name))
            {
                // "By Oliver Grant 26 November 2026": a date run on after the name.
                if (SplitTrailingDate(name!, out var onlyName, out var trailing))
                {
                    name = onlyName;
                    published ??= trailing;
                }

                author ??= name;
            }
            else if (DateParser.TryParse(part, out var date, out var otherLetters) && otherLetters <= 24)
            {
                published ??= date;
            }
            else if (part.Split(' ').Length <= 4 && LooksLikeName(part))
            {
                unprefixedName ??= part;
            }
            else
            {
                return false;
            }
        }

        // "27 nov. 2026 - 14:05": the time printed apart from its date.
        if (published is { } day && day.TimeOfDay == TimeSpan.Zero && time is { } at)
        {
            published = day + at;
        }

        // "Jane Doe | 27 November 2026": a bare name counts only when it stands next to a date.
        if (author is null && published is not null)
        {
            author = unprefixedName;
        }

        return author is not null || published is not null;
    }

    private static List<string> Split(string line)
    {
        // Most lines hold no separator at all; splitting by an absent one only copies the line, so skip those.
        var trimmed = line.Trim();
        List<string> parts = trimmed.Length == 0 ? [] : [trimmed];
        foreach (var separator in Separators)
        {
            if (!line.Contains(separator, StringComparison.Ordinal))
            {
                continue;
            }

            parts = [.. parts.SelectMany(p => p.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        }

        // "Par Karim Benali, le 27 novembre 2026": a comma before a date part separates name from date.
        List<string> result = [];
        foreach (var part in parts)
        {
            var comma = part.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0 && StartsWithPrefixWord(part) && DateParser.TryParse(part[(comma + 2)..], out _, out var other) && other <= 24)
            {
                result.Add(part[..comma]);
                result.Add(part[(comma + 2)..]);
            }
            else
            {
                result.Add(part);
            }
        }

        return result;
    }

    private static bool TryTime(string part, out TimeSpan time)
    {
        time = default;
        var span = part.AsSpan().Trim();
        var space = span.IndexOf(' ');
        if (space > 0 && span.Length - space <= 5)
        {
            // "14:05 Uhr", "14:05 CET": a zone or unit word after the clock.
            span = span[..space];
        }

        if (span.Length is < 4 or > 5)
        {
            return false;
        }

        var separator = span.IndexOfAny(':', 'h', '.');
        return separator is 1 or 2
            && int.TryParse(span[..separator], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(span[(separator + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            && span.Length - separator == 3 && hours < 24 && minutes < 60
            && (time = new TimeSpan(hours, minutes, 0)) >= TimeSpan.Zero;
    }

    private static bool SplitTrailingDate(string text, out string name, out DateTimeOffset date)
    {
        name = text;
        date = default;
        for (var space = text.IndexOf(' ', StringComparison.Ordinal); space > 0; space = text.IndexOf(' ', space + 1))
        {
            var tail = text[(space + 1)..];
            if (DateParser.TryParse(tail, out date, out var other) && (other == 0 || (other <= 12 && char.IsDigit(tail[0]))))
            {
                name = text[..space].TrimEnd(',', ' ', '-', '|');
                return name.Length > 0;
            }
        }

        return false;
    }

    private static bool TryAuthor(string part, out string? name)
    {
        name = null;
        foreach (var prefix in Prefixes)
        {
            if (part.Length <= prefix.Length || !part.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var next = part[prefix.Length];
            if (next is not (' ' or ':' or '：' or '/' or '／' or '\u00A0'))
            {
                continue;
            }

            var rest = part[(prefix.Length + 1)..].TrimStart(' ', ':', '：', '/', '／', '\u00A0');
            if (rest.Length is < 2 or > 80 || !LooksLikeName(rest))
            {
                continue;
            }

            name = rest;
            return true;
        }

        return false;
    }

    // Every short line of every page is asked this; one pass over the prefixes answers both of the questions below.
    private static bool StartsWithPrefix(string part)
    {
        foreach (var prefix in Prefixes)
        {
            if (part.Length > prefix.Length && part[prefix.Length] is ' ' or '\u00A0' or ':' or '：' or '/' or '／'
                && part.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithPrefixWord(string part) => Prefixes.Any(p => part.Length > p.Length && part.StartsWith(p, StringComparison.OrdinalIgnoreCase) && part[p.Length] is ' ' or '\u00A0');

    /// <summary>A name: a few words, no sentence punctuation, Latin words capitalised (or initials); other scripts pass on length.</summary>
    private static bool LooksLikeName(string text)
    {
        if (text.Length > 80 || text.AsSpan().IndexOfAny(SentenceStops) is var stop && stop >= 0 && !IsInitialDot(text, stop))
        {
            return false;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 8)
        {
            return false;
        }

        var latinWords = 0;
        var capitalised = 0;
        foreach (var word in words)
        {
            var first = word[0];
            if (char.IsAsciiLetter(first) || first is >= '\u00C0' and <= '\u024F')
            {
                latinWords++;
                if (char.IsUpper(first))
                {
                    capitalised++;
                }
            }
        }

        // Particles (de, van, and, et, y) are lower case; most words of a Latin name are not.
        return latinWords == 0 || capitalised * 2 >= latinWords;
    }

    private static bool IsInitialDot(string text, int stop)
    {
        for (var i = stop; i < text.Length; i++)
        {
            if (text[i] is '.' && i > 0 && char.IsUpper(text[i - 1]) && (i == 1 || !char.IsLetter(text[i - 2])))
            {
                continue;
            }

            if (text[i] is '.' or '!' or '?' or '。' or '！' or '？' or '؟')
            {
                return false;
            }
        }

        return true;
    }
}
