using System.Runtime.InteropServices;
using SyndicationBot.Text;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Finds the headline and body of a scraped text page by structure. Every line is measured (letters,
/// words, sentence punctuation, digits, repetition, position); running text with sentences forms clusters,
/// the heaviest cluster is the body, and the best headline-shaped line just above it is the title. Bylines
/// and datelines become metadata; menus, timelines, share buttons and trailing "read more" blocks fall away
/// because they have none of the shape of running text.
/// </summary>
internal static class ScrapedPageExtractor
{
    private const int MaxGap = 3;
    private const int MinProseWeight = 60;
    private const int MinTitleWeight = 12;
    private const int TitleWindow = 8;
    private const int MaxCueLine = 400;
    private const int MinRunOnLength = 40;

    public static PageContent? Extract(string text, out string? failure) => Extract(text, new PageMetadata(), out failure);

    /// <summary>Extracts with metadata already known (an HTML page's og: tags); known values win over the text's.</summary>
    public static PageContent? Extract(string text, PageMetadata metadata, out string? failure)
    {
        var units = ReadUnits(text.AsSpan(BodyStart(text, metadata)), metadata);
        if (units.Count == 0)
        {
            failure = "has no text lines";
            return null;
        }

        foreach (var unit in units)
        {
            Measure(unit);
        }

        CountRepetitions(units);
        foreach (var unit in units)
        {
            Classify(unit);
        }

        var body = FindBody(units);
        if (body is null)
        {
            var lettered = units.Count(u => u.Weight > 0);
            failure = lettered == 0
                ? $"is timeline-only or boilerplate-only: none of its {units.Count} lines has words"
                : $"is timeline-only or boilerplate-only: none of its {units.Count} lines is running text with sentences";
            return null;
        }

        var (first, last) = body.Value;

        // A standfirst sits right above the byline that split it from the body: nothing but metadata between.
        var above = first - 1;
        while (above >= 0 && units[above].IsMeta)
        {
            above--;
        }

        if (above >= 0 && above < first - 1 && units[above].IsProse)
        {
            first = above;
        }
        var paragraphs = new List<string>();
        for (var i = first; i <= last; i++)
        {
            if (units[i].IsProse)
            {
                paragraphs.Add(units[i].Text);
            }
        }

        string? author = metadata.Author;
        DateTimeOffset? published = metadata.PublishedAt;
        var titleIndex = FindTitle(units, first);
        var title = metadata.Title ?? (titleIndex >= 0 ? units[titleIndex].Text : null);
        if (title is null)
        {
            failure = "has body text but no headline line above it";
            return null;
        }

        // Bylines and datelines sit between the headline and the body, or just after the body.
        var from = Math.Max(0, (titleIndex >= 0 ? titleIndex : first) - 2);
        for (var i = from; i < units.Count && i <= last + 2; i++)
        {
            if (i >= first && i <= last && units[i].IsProse)
            {
                continue;
            }

            if (units[i].IsMeta)
            {
                author ??= units[i].Author;
                published ??= units[i].PublishedAt;
            }
        }

        failure = null;
        return new PageContent(
            title,
            paragraphs,
            metadata.Url,
            published,
            author,
            metadata.ImageUrl,
            metadata.Tags,
            metadata.Language);
    }

    // The offset of the text after a leading front matter block. Most pages have none; they are not split into
    // an array of lines just for the front matter reader to look at their first one.
    private static int BodyStart(string text, PageMetadata metadata)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.SequenceEqual("---"))
            {
                return 0;
            }

            break;
        }

        var lines = text.Split('\n');
        var start = FrontMatterReader.Read(lines, metadata);
        var offset = 0;
        for (var i = 0; i < start; i++)
        {
            offset += lines[i].Length + 1;
        }

        return Math.Min(offset, text.Length);
    }

    private static List<Unit> ReadUnits(ReadOnlySpan<char> text, PageMetadata metadata)
    {
        var units = new List<Unit>();
        var blankBefore = false;
        var wrapWidth = WrapWidth(text);
        var previousLength = 0;

        // Short lines without letters (timelines, rules, bullets, times: often most lines of a page) only ever
        // count as gaps between text: they are never prose, metadata, headline or a line another one runs on
        // into (too short). One shared, already measured unit stands for all of them.
        Unit? letterless = null;
        var rest = text;
        var more = true;
        while (more)
        {
            var end = rest.IndexOf('\n');
            more = end >= 0;
            var raw = TrimAsciiSpace(more ? rest[..end] : rest);
            rest = more ? rest[(end + 1)..] : [];
            if (raw.Length is > 0 and < MinRunOnLength && !HasLetter(raw))
            {
                units.Add(letterless ??= new Unit(""));
                blankBefore = false;
                previousLength = 0;
                continue;
            }

            var line = TextNormalizer.CollapseSpaces(raw);
            if (line.Length == 0)
            {
                blankBefore = true;
                continue;
            }

            if (TryMetadataLine(line, metadata))
            {
                blankBefore = false;
                previousLength = 0;
                continue;
            }

            // A hard-wrapped paragraph: the previous line runs on (no closing punctuation) into a lower-case start,
            // or, on a page wrapped at a fixed width, the previous line was cut near that width. Where blank lines
            // separate the paragraphs of such a page, a line cut after a full stop ("said Dr.") runs on too.
            if (!blankBefore && units.Count > 0
                && ((!EndsWithTerminal(units[^1].Text) && ((char.IsLower(line[0]) && units[^1].Text.Length >= MinRunOnLength) || (wrapWidth > 0 && previousLength * 10 >= wrapWidth * 7)))
                    || (wrapWidth < 0 && previousLength * 10 >= -wrapWidth * 7)))
            {
                units[^1].Text = units[^1].Text + " " + line;
                previousLength = line.Length;
                continue;
            }

            units.Add(new Unit(line));
            blankBefore = false;
            previousLength = line.Length;
        }

        return units;
    }

    // The whitespace CollapseSpaces trims, trimmed without its general-purpose set search: this runs for every line.
    private static ReadOnlySpan<char> TrimAsciiSpace(ReadOnlySpan<char> line)
    {
        var start = 0;
        var end = line.Length;
        while (start < end && line[start] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            start++;
        }

        while (end > start && line[end - 1] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            end--;
        }

        return line[start..end];
    }

    private static bool HasLetter(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (char.IsAsciiLetter(c) || (c >= 0x80 && (Cjk.IsLetter(c) || char.IsLetter(c))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryMetadataLine(string line, PageMetadata metadata)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 2 or > 20 || colon + 1 >= line.Length)
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            if (!char.IsAsciiLetter(line[i]) && line[i] is not ('_' or '-'))
            {
                return false;
            }
        }

        return metadata.TryApply(line[..colon], line[(colon + 1)..]);
    }

    // Only lines with letters are ever judged by their repetition (prose and headline tests); equal lines have
    // equal weights, so the letterless ones (timelines, rules, bullets: most of a page) are not counted.
    private static void CountRepetitions(List<Unit> units)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (unit.Weight > 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, unit.Text, out _)++;
            }
        }

        foreach (var unit in units)
        {
            if (unit.Weight > 0)
            {
                unit.Repeats = counts[unit.Text];
            }
        }
    }

    private static void Measure(Unit unit)
    {
        var text = unit.Text;
        int letters = 0, cjk = 0, digits = 0, spaces = 0, sentences = 0, separators = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // ASCII letters, spaces and digits first: they are most characters of most pages.
            if (char.IsAsciiLetter(c))
            {
                letters++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c >= '\u3040' && Cjk.IsLetter(c))
            {
                cjk++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
            else if (char.IsDigit(c))
            {
                digits++;
            }
            else if (c is '。' or '！' or '？' || (IsTerminal(c) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1]))))
            {
                sentences++;
            }
            else if (IsSeparator(c) && i > 0 && i + 1 < text.Length && text[i - 1] == ' ' && text[i + 1] == ' ')
            {
                // A breadcrumb or menu separator standing between spaces.
                separators++;
            }
        }

        unit.Weight = letters + 3 * cjk;
        unit.Words = spaces + 1 + cjk / 2;
        unit.Sentences = sentences;
        unit.Digits = digits;
        unit.Spaces = spaces;
        unit.Separators = separators;
    }

    private static void Classify(Unit unit)
    {
        if (unit.Weight == 0)
        {
            return;
        }

        var text = unit.Text;
        var sentences = unit.Sentences;
        var nonSpace = Math.Max(1, text.Length - unit.Spaces);
        var digitRatio = (double)unit.Digits / nonSpace;
        unit.DigitHeavy = digitRatio > 0.3;
        unit.HasLink = text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase);
        unit.EndsTerminal = EndsWithTerminal(text);

        if (text.Length <= MaxCueLine)
        {
            Span<char> buffer = stackalloc char[CharFolding.MaxFoldedLength(MaxCueLine)];
            var folded = buffer[..CharFolding.Fold(text, buffer)];
            unit.TrailingHeading = TextCues.IsTrailingHeading(folded, unit.Words);
            unit.Boilerplate = TextCues.IsBoilerplate(folded);
            unit.Social = TextCues.IsSocial(folded, unit.Words);
        }

        // Bylines and datelines are short; running text never reaches the parser.
        if (text.Length <= 140 && unit.Words <= 20 && BylineParser.TryParse(text, out var author, out var published))
        {
            unit.IsMeta = true;
            unit.Author = author;
            unit.PublishedAt = published;
            return;
        }

        unit.IsProse = unit.Weight >= MinProseWeight
            && unit.Words >= 8
            && (sentences > 0 || unit.EndsTerminal)
            && !unit.DigitHeavy
            && !unit.HasLink
            && unit.Repeats == 1
            && !unit.Boilerplate
            && !unit.TrailingHeading
            && unit.Separators < 2;
    }

    private static (int First, int Last)? FindBody(List<Unit> units)
    {
        (int First, int Last)? best = null;
        double bestScore = 0;
        int first = -1, last = -1, gap = 0;
        double score = 0;
        var afterTrailing = false;
        var closed = false;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (unit.IsProse)
            {
                if (first >= 0 && (gap > MaxGap || closed))
                {
                    Keep(first, last, score);
                    first = -1;
                    score = 0;
                }

                if (first < 0)
                {
                    first = i;
                    score = 0;
                    closed = false;
                }

                last = i;
                gap = 0;
                score += unit.Weight * (afterTrailing ? 0.5 : 1.0);
                continue;
            }

            if (unit.TrailingHeading)
            {
                closed = true;
                afterTrailing = true;
            }

            if (unit.IsMeta)
            {
                // A byline or dateline opens an article header: running text above it (teasers, a previous
                // story) belongs to something else.
                closed |= first >= 0;
            }
            else
            {
                gap++;
            }
        }

        if (first >= 0)
        {
            Keep(first, last, score);
        }

        return best;

        void Keep(int from, int to, double weight)
        {
            if (weight > bestScore)
            {
                bestScore = weight;
                best = (from, to);
            }
        }
    }

    private static int FindTitle(List<Unit> units, int bodyStart)
    {
        var scores = new List<(int Index, double Score)>();
        var distance = 0;
        for (var i = bodyStart - 1; i >= 0 && distance <= TitleWindow; i--)
        {
            var unit = units[i];
            if (unit.IsMeta || unit.Weight == 0)
            {
                continue;
            }

            // Running text is never a headline; above a found headline it is another story (a teaser).
            if (unit.IsProse)
            {
                if (scores.Count > 0)
                {
                    break;
                }

                distance++;
                continue;
            }

            var score = TitleScore(unit) - 0.4 * distance;
            distance++;
            if (unit.TrailingHeading)
            {
                break;
            }

            if (score >= 1.0)
            {
                scores.Add((i, score));
            }
        }

        if (scores.Count == 0)
        {
            return -1;
        }

        var best = scores.Max(s => s.Score);
        return scores.Where(s => s.Score >= best - 0.8).Min(s => s.Index);
    }

    private static double TitleScore(Unit unit)
    {
        var text = unit.Text;
        if (unit.Weight < MinTitleWeight || text.Length > 300 || unit.Repeats > 2 || unit.HasLink || unit.TrailingHeading)
        {
            return double.MinValue;
        }

        // A list item ("- The store will open…", "• …", "2. …") belongs to a key-points box or a most-read list.
        if (IsListItem(text))
        {
            return double.MinValue;
        }

        var score = 3.0 * Math.Min(unit.Weight, 30) / 30;
        if (LastMeaningful(text) is ':' or '：')
        {
            // A label introducing what follows ("Key points:", "À retenir :").
            score -= 2;
        }

        if (unit.Words >= 4)
        {
            score += 1;
        }

        var lastChar = LastMeaningful(text);
        if (lastChar is '.' or '。' && !text.EndsWith("...", StringComparison.Ordinal))
        {
            score -= 1.5;
        }

        if (unit.Sentences > 1)
        {
            score -= 1;
        }

        if (text.Length > 160)
        {
            score -= 1.5;
        }

        if (unit.Social || unit.Boilerplate)
        {
            score -= 3;
        }

        if (unit.Separators >= 2)
        {
            score -= 2;
        }

        if (unit.DigitHeavy)
        {
            score -= 2;
        }

        if (unit.Repeats == 2)
        {
            score -= 0.5;
        }

        return score;
    }

    private static bool IsSeparator(char c) => c is '|' or '›' or '>' or '•' or '·' or '/' or '»' or '‹';

    /// <summary>
    /// The column a hard-wrapped page was wrapped at, or 0 when it is not one: no line is longer than a terminal
    /// line (100), the longest has at least 50 characters, and at least two lines run to within a fifth of the
    /// longest and go straight on into another line.
    /// Negative when the page also separates its paragraphs by blank lines.
    /// </summary>
    private static int WrapWidth(ReadOnlySpan<char> text)
    {
        var longest = 0;
        var blanks = 0;
        foreach (var range in text.Split('\n'))
        {
            var line = text[range];
            if (line.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                // A link line (Source:, URL:) is not wrapped text.
                continue;
            }

            var length = line.Trim().Length;
            if (length > 100)
            {
                return 0;
            }

            blanks += length == 0 ? 1 : 0;
            longest = Math.Max(longest, length);
        }

        // Text wrapped for reading is wrapped at 60 to 100 columns; a page of short lines (menus, a timeline) is not.
        if (longest < 50)
        {
            return 0;
        }

        var wrapped = 0;
        var previous = 0;
        foreach (var range in text.Split('\n'))
        {
            var length = text[range].Trim().Length;
            if (length > 0 && previous * 5 >= longest * 4 && ++wrapped >= 2)
            {
                break;
            }

            previous = length;
        }

        return wrapped < 2 ? 0 : blanks >= 2 ? -longest : longest;
    }

    private static bool IsListItem(string text)
    {
        if (text.Length >= 2 && text[0] is '-' or '•' or '*' or '–' or '—' or '·' or '▪' or '►' or '✓' && text[1] == ' ')
        {
            return true;
        }

        var digits = 0;
        while (digits < text.Length && digits < 3 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return digits > 0 && digits + 1 < text.Length && text[digits] is '.' or ')' && text[digits + 1] == ' ';
    }

    internal static bool EndsWithTerminal(string text) => IsTerminal(LastMeaningful(text));

    private static char LastMeaningful(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is '»' or '”' or '"' or '’' or '\'' or ')' or ']' or '」' or '』' or '）' or ' ' or '\u00A0' or '\u202F')
            {
                continue;
            }

            return c;
        }

        return '\0';
    }

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or '。' or '！' or '？' or '؟' or '۔';

    private sealed class Unit(string text)
    {
        public string Text { get; set; } = text;

        public int Weight { get; set; }

        public int Words { get; set; }

        public int Sentences { get; set; }

        public int Digits { get; set; }

        public int Spaces { get; set; }

        public int Separators { get; set; }

        public int Repeats { get; set; }

        public bool EndsTerminal { get; set; }

        public bool DigitHeavy { get; set; }

        public bool HasLink { get; set; }

        public bool TrailingHeading { get; set; }

        public bool Boilerplate { get; set; }

        public bool Social { get; set; }

        public bool IsProse { get; set; }

        public bool IsMeta { get; set; }

        public string? Author { get; set; }

        public DateTimeOffset? PublishedAt { get; set; }
    }
}
