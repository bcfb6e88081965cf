using System.Runtime.InteropServices;
using SyndicationBot.Text;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Finds the headline and body of a scraped text page by structure. Every line is measured (letters,
/// words, sentence punctuation, digits, repetition, position); running text with sentences forms clusters;
/// clusters separated only by what an article holds (sub-heads, lists, captions, short paragraphs) are one body,
/// and the heaviest body wins. The headline is the headline-shaped line above it that best fits it: nearness,
/// shared words with the body's opening, repetition. Bylines and datelines become metadata; menus, timelines,
/// captions, share buttons and trailing "read more" blocks fall away because they have none of the shape of running text.
/// </summary>
internal static class ScrapedPageExtractor
{
    private const int MaxGap = 3;
    private const int MaxArticleGap = 30;
    private const int MinProseWeight = 60;
    private const int MinTitleWeight = 12;
    private const int TitleWindow = 40;
    private const int MaxCueLine = 400;
    private const int MinRunOnLength = 40;
    private const int EchoDistance = 2;
    private const int MaxOpeningWords = 60;
    private const int MinListStories = 4;
    private const int MinTeaserStories = 3;
    private const int MaxTeaserParagraphs = 3;
    private const int MaxHeadlineWords = 24;
    private const int MaxTeaserWords = 100;
    private const int MaxCaptionWords = 30;
    private const int HeaderLines = 3;
    private const double HeaderBonus = 1.5;

    // Some sites (many Arabic ones) print a whole paragraph without a full stop; that long, it is running text anyway.
    private const int MinUnpunctuatedProseWords = 40;

    public static PageContent? Extract(string text, out string? failure) => Extract(text, new PageMetadata(), out failure);

    /// <summary>
    /// Extracts with metadata already known (an HTML page's og: tags); known values win over the text's.
    /// <paramref name="isMainContent"/> says the text is already a page's main content (what a Readability pass
    /// kept): then all of it is the body but for furniture, instead of its heaviest run of prose.
    /// </summary>
    public static PageContent? Extract(string text, PageMetadata metadata, out string? failure, bool isMainContent = false)
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

        MarkCaptionsAboveCredits(units);

        var clusters = Clusters(units);
        var body = FindBody(units, clusters, isMainContent);
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

        string? author = metadata.Author;
        DateTimeOffset? published = metadata.PublishedAt;
        var titleIndex = metadata.Title is null ? FindTitle(units, first, last) : -1;
        if (titleIndex == first)
        {
            // The body's own first line was the headline (one ending "!!", "؟" or ".." reads like a sentence).
            first = NextProse(units, first + 1, last);
        }

        var title = metadata.Title ?? (titleIndex >= 0 ? StripStorePrefix(units[titleIndex].Text) : null);
        if (title is null || first < 0)
        {
            failure = "has body text but no headline line above it";
            return null;
        }

        if (!isMainContent && CountStories(units, clusters, body.Value) is var stories and > 0)
        {
            failure = $"is a list of {stories} stories (a front page, press review or news ticker), not one article";
            return null;
        }

        var paragraphs = new List<string>();
        var emitted = new HashSet<string>(StringComparer.Ordinal) { title };
        for (var i = first; i <= last; i++)
        {
            var unit = units[i];

            // A paragraph the layout prints twice (a standfirst repeated as the lede) is kept once.
            if (i != titleIndex && (unit.IsProse || (IsArticleLine(unit) && !IsSubHead(units, i))) && emitted.Add(unit.Text))
            {
                paragraphs.Add(unit.Text);
            }
        }

        // Bylines and datelines sit between the headline and the body, or just after the body.
        var from = Math.Max(0, (titleIndex >= 0 ? Math.Min(titleIndex, first) : first) - 2);
        for (var i = from; i < units.Count && i <= last + 2; i++)
        {
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

    // A short line right above a credit ("The Apple Vision Pro." over "Image: Vjeran Pavic / The Verge") is the
    // photo's caption: it often shares the headline's words and sits nearer the body, but it labels the picture.
    private static void MarkCaptionsAboveCredits(List<Unit> units)
    {
        for (var i = 0; i + 1 < units.Count; i++)
        {
            var unit = units[i];
            if (units[i + 1].Credit && unit.Weight > 0 && !unit.IsProse && !unit.IsMeta && !unit.Credit && unit.Words <= MaxCaptionWords)
            {
                unit.Caption = true;
            }
        }
    }

    private static int NextProse(List<Unit> units, int from, int last)
    {
        for (var i = from; i <= last; i++)
        {
            if (units[i].IsProse || IsArticleLine(units[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // A line inside the body that is not running text but belongs to the article: a sub-head, a list item, a table
    // row, a short paragraph. Furniture (captions, share lines, bylines, menus, links) is left out.
    private static bool IsArticleLine(Unit unit) =>
        unit.Weight > 0
        && !unit.IsMeta
        && !unit.Echo
        && !unit.Boilerplate
        && !unit.Social
        && !unit.Caption
        && !unit.TrailingHeading
        && !unit.LinkHeavy
        && !unit.Truncated
        && unit.Repeats == 1
        && unit.Separators < 2
        && (unit.Words >= 2 || unit.Weight >= 12);

    // A sub-head stands alone between paragraphs, short and unpunctuated: it carries the body on but is not a
    // paragraph (a summary must not quote it). Consecutive short lines are a list or a table, and are kept.
    private static bool IsSubHead(List<Unit> units, int index)
    {
        var unit = units[index];
        return unit.Words <= 12 && !unit.EndsTerminal && LastMeaningful(unit.Text) is not (':' or '：')
            && !IsListItem(unit.Text) && !IsListNeighbour(units, index - 1) && !IsListNeighbour(units, index + 1);
    }

    private static bool IsListNeighbour(List<Unit> units, int index) =>
        index >= 0 && index < units.Count && !units[index].IsProse && !units[index].Echo && IsArticleLine(units[index]);

    // "date 2019-07-12 Headline": a store's or exporter's date prefix is not part of the headline.
    private static string StripStorePrefix(string title)
    {
        var span = title.AsSpan();
        var labelled = span.StartsWith("date", StringComparison.OrdinalIgnoreCase);
        if (labelled)
        {
            span = span[4..].TrimStart(" :");
        }

        var digits = 0;
        while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '-'))
        {
            digits++;
        }

        if ((labelled ? digits >= 7 : digits == 10) && char.IsAsciiDigit(span[0]) && span[4] == '-')
        {
            var rest = span[digits..].TrimStart(" :|–—-");
            return rest.Length >= 8 ? new string(rest) : title;
        }

        return title;
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
    // A line printed again within a few lines (a lede or headline doubled by the layout) is an echo: the first copy
    // counts once and the echo is ignored, where a line repeated across the page (a menu entry) counts twice.
    private static void CountRepetitions(List<Unit> units)
    {
        var seen = new Dictionary<string, (int Count, int Last)>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (unit.Weight > 0)
            {
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, unit.Text, out var exists);
                if (exists && i - entry.Last <= EchoDistance)
                {
                    unit.Echo = true;
                }
                else
                {
                    entry.Count++;
                }

                entry.Last = i;
            }
        }

        foreach (var unit in units)
        {
            if (unit.Weight > 0)
            {
                unit.Repeats = seen[unit.Text].Count;
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
            else if (c is '。' or '！' or '？' || (IsTerminal(c) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1])) && EndsSentenceRun(text, i)))
            {
                sentences++;
            }
            else if (IsSeparator(c) && i > 0 && i + 1 < text.Length && text[i - 1] == ' ' && text[i + 1] == ' '
                && !(c is '»' && text.Contains('«', StringComparison.Ordinal)))
            {
                // French quotes are spaced (« … »): a closing guillemet after its opening one is punctuation.
                // Otherwise, a breadcrumb or menu separator standing between spaces.
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
        unit.HasLink = text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)
            || HasEmail(text);
        unit.LinkHeavy = unit.HasLink && LinkShare(text) * 2 > text.Length;
        unit.EndsTerminal = EndsWithTerminal(text);
        unit.Truncated = IsTruncated(text);

        if (text.Length <= MaxCueLine)
        {
            Span<char> buffer = stackalloc char[CharFolding.MaxFoldedLength(MaxCueLine)];
            var folded = buffer[..CharFolding.Fold(text, buffer)];
            unit.TrailingHeading = TextCues.IsTrailingHeading(folded, unit.Words);
            unit.Boilerplate = TextCues.IsBoilerplate(folded);
            unit.Social = TextCues.IsSocial(folded, unit.Words);
            unit.Credit = TextCues.IsCredit(folded, unit.Words);
            unit.Caption = TextCues.IsCaption(folded, unit.Words) || TextCues.IsRelatedLink(folded, unit.Words)
                || (unit.HasLink && unit.Words <= 12 && HasEmail(text));
        }

        // Bylines and datelines are short; running text never reaches the parser.
        if (text.Length <= 140 && unit.Words <= 20 && BylineParser.TryParse(text, out var author, out var published))
        {
            unit.IsMeta = true;
            unit.Author = author;
            unit.PublishedAt = published;
            return;
        }

        unit.HeadlineShaped = IsHeadlineShaped(unit);
        unit.IsProse = unit.Weight >= MinProseWeight
            && unit.Words >= 8
            && (sentences > 0 || unit.EndsTerminal || unit.Words >= MinUnpunctuatedProseWords)
            && !unit.HeadlineShaped
            && !unit.DigitHeavy
            && !unit.LinkHeavy
            && (unit.Repeats == 1 || (unit.Repeats == 2 && unit.Words >= 8))
            && !unit.Echo
            && !unit.Boilerplate
            && !unit.Caption
            && !unit.TrailingHeading
            && unit.Separators < 2;
    }

    // One short exclamation or question, or a line trailing off ("..", "!!", "؟"): the shape of a headline, though it
    // ends like a sentence. A single sentence ending in one full stop stays running text.
    private static bool IsHeadlineShaped(Unit unit)
    {
        var text = unit.Text;
        if (text.Length > 160 || unit.Words > 24)
        {
            return false;
        }

        var end = text.Length - 1;
        while (end >= 0 && text[end] is '»' or '”' or '"' or '’' or '\'' or ')' or ' ')
        {
            end--;
        }

        if (end < 1)
        {
            return false;
        }

        var runStart = end;
        while (runStart > 0 && IsTerminal(text[runStart - 1]))
        {
            runStart--;
        }

        var ending = text[end];
        var trailing = end - runStart + 1;
        if (!(ending is '!' or '?' or '؟' or '！' or '？' || (ending == '.' && trailing >= 2) || ending == '…'))
        {
            return false;
        }

        // No sentence ends before the last one.
        for (var i = 0; i < runStart; i++)
        {
            if (IsTerminal(text[i]) && i + 1 < text.Length && text[i + 1] == ' ' && i > 0 && char.IsLetter(text[i - 1]) && text[i] != '…')
            {
                return false;
            }
        }

        return true;
    }

    // A teaser cut by its site ("… said on Friday that the …", "the dirham liberalization reform on commercial banks. In
    // its latest report, the..."): running text that stops mid-sentence belongs to a list of stories, not to an article.
    private static bool IsTruncated(string text)
    {
        var trimmed = text.AsSpan().TrimEnd(" \u00A0");
        if (trimmed.Length < 60)
        {
            return false;
        }

        if (trimmed.EndsWith("[…]") || trimmed.EndsWith("[...]") || trimmed.EndsWith("(…)") || trimmed.EndsWith("(...)"))
        {
            return true;
        }

        var cut = trimmed.EndsWith("…") ? trimmed[..^1] : trimmed.EndsWith("...") && !trimmed.EndsWith("....") ? trimmed[..^3] : default;
        return !cut.IsEmpty && (char.IsLetterOrDigit(cut[^1]) || cut[^1] is ' ' or ',');
    }

    private static bool HasEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at + 3 < text.Length && char.IsLetterOrDigit(text[at - 1]) && text.IndexOf('.', at) > at + 1
            && text.AsSpan(at + 1).IndexOfAny(' ', '.') is var stop && stop > 0 && text[at + 1 + stop] == '.';
    }

    // How many characters of the line are links (tokens holding "://", "www." or an e-mail address).
    private static int LinkShare(string text)
    {
        var share = 0;
        foreach (var range in text.AsSpan().Split(' '))
        {
            var token = text.AsSpan()[range];
            if (token.Contains("://", StringComparison.Ordinal) || token.Contains("www.", StringComparison.OrdinalIgnoreCase) || token.Contains('@'))
            {
                share += token.Length + 1;
            }
        }

        return share;
    }

    private static (int First, int Last)? FindBody(List<Unit> units, List<(int First, int Last, double Score, int Prose)> clusters, bool isMainContent)
    {
        if (clusters.Count == 0)
        {
            return null;
        }

        // Neighbouring clusters are one article when only an article's own lines stand between them; the heaviest
        // such run is the body. Main content (already an article) is split only where a trailing block begins.
        (int First, int Last)? best = null;
        double bestScore = 0;
        var group = clusters[0];
        for (var c = 1; c <= clusters.Count; c++)
        {
            if (c < clusters.Count && JoinsArticle(units, group.Last, clusters[c], isMainContent))
            {
                group = (group.First, clusters[c].Last, group.Score + clusters[c].Score, group.Prose + clusters[c].Prose);
                continue;
            }

            if (group.Score > bestScore)
            {
                bestScore = group.Score;
                best = (group.First, group.Last);
            }

            if (c < clusters.Count)
            {
                group = clusters[c];
            }
        }

        return best;
    }

    private static List<(int First, int Last, double Score, int Prose)> Clusters(List<Unit> units)
    {
        var clusters = new List<(int First, int Last, double Score, int Prose)>();
        int first = -1, last = -1, gap = 0, prose = 0;
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
                    clusters.Add((first, last, score, prose));
                    first = -1;
                }

                if (first < 0)
                {
                    first = i;
                    score = 0;
                    prose = 0;
                    closed = false;
                }

                prose++;
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
            else if (!unit.Echo && !IsArticleLine(unit))
            {
                gap++;
            }
        }

        if (first >= 0)
        {
            clusters.Add((first, last, score, prose));
        }

        return clusters;
    }

    // What stands between two clusters of prose decides whether they are one article: a sub-head, a caption, a list,
    // a table or an embedded post do; a "read more" heading, a byline (the next story's), or a menu (mostly lines of
    // one or two words, or letterless lines) do not.
    // In a page's main content, a "Comments" or "Related" heading ends the article only when teasers follow it; a
    // digest of several articles goes on with full paragraphs.
    private static bool JoinsArticle(List<Unit> units, int last, (int First, int Last, double Score, int Prose) next, bool isMainContent)
    {
        var nextIsArticle = next.Prose >= 2 && next.Score >= 200 * next.Prose;
        return JoinsArticle(units, last, next.First, isMainContent, nextIsArticle);
    }

    private static bool JoinsArticle(List<Unit> units, int last, int next, bool isMainContent, bool nextIsArticle)
    {
        int lines = 0, menuLike = 0, furniture = 0;
        for (var i = last + 1; i < next; i++)
        {
            var unit = units[i];
            if (unit.TrailingHeading && !(isMainContent && nextIsArticle))
            {
                return false;
            }

            if (isMainContent || unit.Echo)
            {
                continue;
            }

            if (unit.IsMeta)
            {
                return false;
            }

            lines++;
            if (unit.Weight == 0 || unit.Words <= 2 || unit.Separators >= 2 || unit.Repeats > 1)
            {
                menuLike++;
            }

            if (unit.Boilerplate || unit.Social)
            {
                furniture++;
            }
        }

        return isMainContent || (lines <= MaxArticleGap && menuLike * 2 <= lines && furniture <= 1);
    }

    // A list page (a press review, a ticker, a front page) is a run of teasers: one or two paragraphs, each under its
    // own headline, set apart by dates, bylines or links. It is a list when there are several and the chosen body is
    // no heavier than a teaser: an article outweighs the teasers around it many times over.
    private static int CountStories(List<Unit> units, List<(int First, int Last, double Score, int Prose)> clusters, (int First, int Last) body)
    {
        var teasers = new List<double>();
        double bodyScore = 0;
        var bodyProse = 0;
        foreach (var cluster in clusters)
        {
            if (cluster.First >= body.First && cluster.Last <= body.Last)
            {
                bodyScore += cluster.Score;
                bodyProse += cluster.Prose;
            }

            if (cluster.Prose <= 2 && HasHeadlineAbove(units, cluster.First))
            {
                teasers.Add(cluster.Score);
            }
        }

        int truncated = 0, truncatedInBody = 0;
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Truncated && units[i].Words >= 8)
            {
                truncated++;
                truncatedInBody += i >= body.First && i <= body.Last ? 1 : 0;
            }
        }

        // Teasers cut mid-sentence by the site: three or more, beside a body of a paragraph or two or making up half of it.
        if (truncated >= 3 && (bodyProse <= 2 || truncatedInBody * 2 >= bodyProse))
        {
            return truncated + bodyProse - truncatedInBody;
        }

        // Headlines listed with their dates and no text ("Headline / Thursday 25 December 2025"), beside a body of a
        // paragraph or two: a front page or a section page.
        var dated = 0;
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].IsMeta && units[i].PublishedAt is not null && (i < body.First - 3 || i > body.Last)
                && ((i > 0 && IsDatedHeadline(units[i - 1])) || (i + 1 < units.Count && IsDatedHeadline(units[i + 1]))))
            {
                dated++;
            }
        }

        if (dated >= MinListStories && bodyProse <= 2)
        {
            return dated + 1;
        }

        if (teasers.Count >= MinListStories && bodyProse <= 3)
        {
            teasers.Sort();
            if (bodyScore < 3 * teasers[teasers.Count / 2])
            {
                return teasers.Count;
            }
        }

        return CountTeaserSequence(units);
    }

    // Stories listed one after another with nothing but their dates between them (a tag page, a section page, a feed
    // mirror): a headline, a short teaser, the next headline on another subject; and a teaser mostly restates its own
    // headline (it announces the story). An article's sub-heads carry one story on in sections longer than a teaser,
    // and an article outweighs the teasers a page lists under it: most of the page's running text must be teasers.
    // A page cut after a headline still lists that story.
    private static int CountTeaserSequence(List<Unit> units)
    {
        int stories = 0, restated = 0, storyWords = 0, proseWords = 0;
        int headline = -1, previous = -1;
        int paragraphs = 0, words = 0, firstParagraph = -1;
        var trailingHeadline = false;
        for (var i = 0; i <= units.Count; i++)
        {
            if (i == units.Count || IsTeaserHeadline(units[i]))
            {
                if (headline >= 0 && paragraphs is > 0 and <= MaxTeaserParagraphs && words <= MaxTeaserWords && firstParagraph - headline <= 3
                    && (previous < 0 || !SharesHalf(units[previous].Text, units[headline].Text)))
                {
                    stories++;
                    storyWords += words;
                    restated += Restates(units[headline].Text, units[firstParagraph].Text) ? 1 : 0;
                    previous = headline;
                }

                trailingHeadline = headline >= 0 && paragraphs == 0 && i == units.Count && units[headline].Sentences == 0 && TitleScore(units[headline]) >= 3;
                headline = i;
                paragraphs = 0;
                words = 0;
                firstParagraph = -1;
                continue;
            }

            if (IsTeaserParagraph(units[i]))
            {
                proseWords += units[i].Words;
                paragraphs++;
                words += units[i].Words;
                if (firstParagraph < 0)
                {
                    firstParagraph = i;
                }
            }
        }

        var listed = stories + (trailingHeadline && stories > 0 ? 1 : 0);
        return listed >= MinTeaserStories && restated >= 2 && restated * 2 >= stories && storyWords * 3 >= proseWords * 2 ? listed : 0;
    }

    // A slide's counter ("12/50 Rogue trader freed") numbers a gallery's captions, not stories.
    private static bool IsTeaserHeadline(Unit unit) =>
        !IsSlideCounter(unit.Text) && !unit.IsProse && !unit.IsMeta && !unit.Echo && unit.Words is >= 4 and <= MaxHeadlineWords && !unit.Truncated && TitleScore(unit) >= 2;

    private static bool IsSlideCounter(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash is > 0 and <= 3 && text.Length > slash + 1 && char.IsAsciiDigit(text[slash + 1]) && text.AsSpan(0, slash).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    // Running text, or a teaser the site cut without an ellipsis (too long for a headline, not furniture).
    private static bool IsTeaserParagraph(Unit unit) =>
        unit.IsProse || (unit.Words >= 8 && unit.Truncated)
        || (unit.Words > MaxHeadlineWords && !unit.IsMeta && !unit.Echo && !unit.Caption && !unit.Boilerplate && !unit.LinkHeavy && unit.Separators < 2);

    // At least two of the headline's content words come back in the teaser, or a third of them: "Olive oil production
    // reaches 100,000 tons" over "The average output of olive oil … has reached 100,000 tons". Words are matched
    // loosely (one the other plus a short prefix or suffix) so that "ببنسليمان" meets "بنسليمان" and "ministries" "ministry".
    private static bool Restates(string headline, string teaser)
    {
        var (words, shared) = SharedWords(headline, teaser);
        return shared >= 2 || (shared > 0 && shared * 3 >= words);
    }

    // Two headlines on one subject (an article's sub-head under its headline) share half their words.
    private static bool SharesHalf(string headline, string other)
    {
        var (words, shared) = SharedWords(headline, other);
        return words > 0 && shared * 2 >= words;
    }

    private static (int Words, int Shared) SharedWords(string text, string other)
    {
        var otherWords = ContentWords(other).Take(MaxOpeningWords).ToList();
        int words = 0, shared = 0;
        foreach (var word in ContentWords(text))
        {
            words++;
            foreach (var candidate in otherWords)
            {
                if (SameWord(word, candidate))
                {
                    shared++;
                    break;
                }
            }
        }

        return (words, shared);
    }

    private static bool SameWord(string a, string b)
    {
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        if (longer.Length - shorter.Length > 3)
        {
            return false;
        }

        if (shorter.Length == longer.Length)
        {
            return shorter.Equals(longer, StringComparison.OrdinalIgnoreCase);
        }

        return shorter.Length >= 5 && (longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase) || longer.EndsWith(shorter, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsDatedHeadline(Unit unit) => !unit.IsProse && !unit.IsMeta && unit.Words >= 4 && TitleScore(unit) >= 2;

    private static bool HasHeadlineAbove(List<Unit> units, int first)
    {
        for (var i = first - 1; i >= 0 && i >= first - 3; i--)
        {
            if (units[i].IsProse)
            {
                return false;
            }

            if (!units[i].IsMeta && units[i].Weight > 0 && TitleScore(units[i]) >= 2)
            {
                return true;
            }
        }

        return false;
    }

    private static int FindTitle(List<Unit> units, int bodyStart, int bodyEnd)
    {
        HashSet<string>? opening = null;
        var scores = new List<(int Index, double Score)>();
        var distance = 0;
        var sinceMeta = int.MaxValue;
        var standfirstPassed = false;
        for (var i = bodyStart - 1; i >= 0 && distance <= TitleWindow; i--)
        {
            var unit = units[i];
            if (unit.IsMeta)
            {
                sinceMeta = 0;
                continue;
            }

            if (unit.Weight == 0 || unit.Echo)
            {
                continue;
            }

            if (sinceMeta != int.MaxValue)
            {
                sinceMeta++;
            }

            // Running text is never a headline; above a found headline it is another story (a teaser), but for the
            // standfirst printed between the headline and its byline.
            if (unit.IsProse)
            {
                if (scores.Count > 0)
                {
                    if (standfirstPassed || sinceMeta > HeaderLines)
                    {
                        break;
                    }

                    standfirstPassed = true;
                }

                distance++;
                continue;
            }

            // "Continue reading the main story" above the body labels nothing; it is skipped, not a boundary.
            if (unit.TrailingHeading)
            {
                distance++;
                continue;
            }

            var shape = TitleScore(unit);
            // An article's header: the headline stands over its byline or dateline (a standfirst may sit between) and
            // announces the body. Sub-heads, captions and teasers between that header and the body stand under it; a
            // related story's headline over its own byline shares nothing with the body.
            var overlap = shape == double.MinValue ? 0 : Overlap(unit.Text, opening ??= OpeningWords(units, bodyStart, bodyEnd));
            var header = sinceMeta <= HeaderLines && overlap > 0 ? HeaderBonus : 0;
            var score = shape == double.MinValue ? shape : shape - 0.3 * Math.Min(distance, 10) + 2.5 * overlap + header;
            distance++;
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
        return scores.Where(s => s.Score >= best - 0.5).Min(s => s.Index);
    }

    private static HashSet<string> OpeningWords(List<Unit> units, int first, int last)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        for (var i = first; i <= last && count < MaxOpeningWords; i++)
        {
            if (!units[i].IsProse)
            {
                continue;
            }

            foreach (var word in ContentWords(units[i].Text))
            {
                words.Add(word);
                if (++count >= MaxOpeningWords)
                {
                    break;
                }
            }
        }

        return words;
    }

    // The share of a candidate's content words (four letters or more) that the body's opening repeats: a headline
    // announces what the lede says; a related story's headline, a section name or a credit shares little with it.
    private static double Overlap(string text, HashSet<string> opening)
    {
        if (opening.Count == 0)
        {
            return 0;
        }

        int words = 0, shared = 0;
        foreach (var word in ContentWords(text))
        {
            words++;
            shared += opening.Contains(word) ? 1 : 0;
        }

        return words < 2 ? 0 : (double)shared / words;
    }

    private static IEnumerable<string> ContentWords(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]) && !Cjk.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start >= 4)
                {
                    yield return text[start..i];
                }

                start = -1;
            }
        }
    }

    private static double TitleScore(Unit unit)
    {
        var text = unit.Text;
        if (unit.Weight < MinTitleWeight || text.Length > 300 || unit.Repeats > 2 || unit.HasLink || unit.TrailingHeading || unit.Caption)
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

        // A headline the layout prints twice (a breadcrumb's last crumb and the heading) is the page's own headline.
        if (unit.Repeats == 2 && unit.Words >= 4)
        {
            score += 0.5;
        }

        return score;
    }

    // A run of stops ("...", "?!") ends one sentence, at its last character; two dots inside a line ("التراكتور يحرث..
    // الماء", "Maroc.. la relance") are a pause that Arabic and French headlines use, not the end of a sentence.
    private static bool EndsSentenceRun(string text, int i)
    {
        if (i + 1 < text.Length && IsTerminal(text[i + 1]))
        {
            return false;
        }

        var isPause = text[i] == '.' && i > 0 && text[i - 1] == '.' && (i < 2 || text[i - 2] != '.');
        return !isPause || i + 1 >= text.Length || text.AsSpan(i + 1).Trim().IsEmpty;
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

        public bool LinkHeavy { get; set; }

        public bool Caption { get; set; }

        public bool Credit { get; set; }

        public bool Echo { get; set; }

        public bool HeadlineShaped { get; set; }

        public bool Truncated { get; set; }

        public bool TrailingHeading { get; set; }

        public bool Boilerplate { get; set; }

        public bool Social { get; set; }

        public bool IsProse { get; set; }

        public bool IsMeta { get; set; }

        public string? Author { get; set; }

        public DateTimeOffset? PublishedAt { get; set; }
    }
}
