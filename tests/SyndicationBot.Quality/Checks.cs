using System.Text;

namespace SyndicationBot.Quality;

/// <summary>The yes/no checks behind the percentages; each compares what the reader returned with a label.</summary>
internal static class Checks
{
    // How many of the lede's first words the first paragraph must start with.
    private const int LedeWords = 8;

    // Furniture of this many words or fewer counts only when it is the whole paragraph: "Partager" or "Maroc"
    // opening a sentence is prose, not a share bar or a breadcrumb.
    private const int StandaloneFurnitureWords = 2;

    // Longer furniture counts when it opens or closes a paragraph (a byline fused with the lede); from this many
    // words on, anywhere in it ("Suivez-nous sur Facebook" in the middle of a block).
    private const int EmbeddedFurnitureWords = 4;

    // Longest site name accepted as a title affix (" - Le Monde", " | eHow", "_科技_腾讯网").
    private const int MaxAffixChars = 60;

    private static readonly string[] AffixSeparators = ["-", "–", "—", "|", "::", ":", "_", "·", "»", "/", "•"];

    /// <summary>The title as a reader sees it: NFC, whitespace collapsed, trimmed; everything else must match.</summary>
    public static string NormalizeTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(title.Length);
        foreach (var part in title.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    public static bool TitleExact(string expected, string? got) =>
        string.Equals(NormalizeTitle(expected), NormalizeTitle(got), StringComparison.Ordinal);

    /// <summary>Exact, or one title is the other plus a site name behind a separator (" - Le Monde", "Le Monde | ").</summary>
    public static bool TitleUpToSiteAffix(string expected, string? got)
    {
        var a = NormalizeTitle(expected);
        var b = NormalizeTitle(got);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        if (longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            var rest = longer[shorter.Length..].Trim();
            return AffixSeparators.Any(s => rest.StartsWith(s, StringComparison.Ordinal) && IsSiteName(rest[s.Length..]));
        }

        if (longer.EndsWith(shorter, StringComparison.Ordinal))
        {
            var rest = longer[..^shorter.Length].Trim();
            return AffixSeparators.Any(s => rest.EndsWith(s, StringComparison.Ordinal) && IsSiteName(rest[..^s.Length]));
        }

        return false;
    }

    /// <summary>The primary language subtag, lower case: "en-US" is "en".</summary>
    public static string PrimaryLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return string.Empty;
        }

        var dash = tag.IndexOfAny(['-', '_']);
        return (dash < 0 ? tag : tag[..dash]).Trim().ToLowerInvariant();
    }

    /// <summary>The first body paragraph starts with the lede's first words (compared as tokens).</summary>
    public static bool LedeFirst(string lede, IReadOnlyList<string> paragraphs)
    {
        var want = Tokens.Of(lede);
        if (want.Count == 0 || paragraphs.Count == 0)
        {
            return false;
        }

        var count = Math.Min(LedeWords, want.Count);
        var first = Tokens.Of(paragraphs[0]);
        return first.Count >= count && first.Take(count).SequenceEqual(want.Take(count), StringComparer.Ordinal);
    }

    /// <summary>The furniture lines found in the paragraphs or the summary (empty when the page is clean).</summary>
    public static List<string> FurnitureLeaks(IReadOnlyList<string> furniture, IEnumerable<string> texts)
    {
        var blocks = texts.Select(t => Tokens.Of(t)).Where(t => t.Count > 0).ToList();
        var leaks = new List<string>();
        foreach (var line in furniture)
        {
            var words = Tokens.Of(line);
            if (words.Count > 0 && blocks.Exists(block => Contains(block, words)))
            {
                leaks.Add(line);
            }
        }

        return leaks;
    }

    private static bool Contains(List<string> block, List<string> words)
    {
        if (words.Count > block.Count)
        {
            return false;
        }

        if (words.Count <= StandaloneFurnitureWords)
        {
            return block.Count == words.Count && StartsAt(block, words, 0);
        }

        if (StartsAt(block, words, 0) || StartsAt(block, words, block.Count - words.Count))
        {
            return true;
        }

        if (words.Count < EmbeddedFurnitureWords)
        {
            return false;
        }

        for (var i = 1; i < block.Count - words.Count; i++)
        {
            if (StartsAt(block, words, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsAt(List<string> block, List<string> words, int start)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!string.Equals(block[start + i], words[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSiteName(string rest)
    {
        var name = rest.Trim();
        return name.Length > 0 && name.Length <= MaxAffixChars;
    }
}
