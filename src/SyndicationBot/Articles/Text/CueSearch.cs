using System.Buffers;
using System.Collections.Frozen;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// Finds whether a folded line contains any of a fixed set of cue phrases, as an ordinal substring search.
/// </summary>
/// <remarks>
/// Hand-written because <see cref="SearchValues{T}"/> of strings falls back to Aho-Corasick once the cues mix
/// scripts (Latin, Arabic, CJK), and that walks a dictionary per character: several microseconds per paragraph,
/// on every paragraph of every page. Here each cue is anchored on its rarest character; a vectorised search for
/// the anchors skips running text, and only where an anchor occurs are the cues that hold it compared in place.
/// Every occurrence of a cue contains its anchor at a known offset, so the answer is exactly the substring test's.
/// </remarks>
internal sealed class CueSearch
{
    // Letters of running text, rarest first; characters not listed (CJK, other scripts, punctuation) count as rare.
    private const string LatinByFrequency = "qjxzkwyvbgfhpmcudlrsnoitae";
    private const string ArabicByFrequency = "ظغضذثخصشطزجحقفكعةيهبدرسنمتولا";

    // The first character of a script whose cues are searched apart, and only when a line holds that script.
    private const char FirstNonLatin = '\u0590';

    private readonly SearchValues<char> latinAnchors;
    private readonly SearchValues<char> otherAnchors;
    private readonly bool hasOtherAnchors;
    private readonly FrozenDictionary<char, (string Cue, int Offset)[]> byAnchor;

    public CueSearch(IEnumerable<string> cues)
    {
        var anchored = cues.Where(c => c.Length > 0).Select(c => (Cue: c, Offset: RarestIndex(c))).ToList();
        byAnchor = anchored.GroupBy(a => a.Cue[a.Offset]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        latinAnchors = SearchValues.Create([.. byAnchor.Keys.Where(k => k < FirstNonLatin)]);
        otherAnchors = SearchValues.Create([.. byAnchor.Keys.Where(k => k >= FirstNonLatin)]);
        hasOtherAnchors = byAnchor.Keys.Any(k => k >= FirstNonLatin);
    }

    /// <summary>True when <paramref name="text"/> contains one of the cues.</summary>
    public bool ContainsAny(ReadOnlySpan<char> text) =>
        Scan(text, latinAnchors) || (hasOtherAnchors && text.ContainsAnyInRange(FirstNonLatin, char.MaxValue) && Scan(text, otherAnchors));

    private bool Scan(ReadOnlySpan<char> text, SearchValues<char> anchors)
    {
        var at = 0;
        while (true)
        {
            var next = text[at..].IndexOfAny(anchors);
            if (next < 0)
            {
                return false;
            }

            at += next;
            foreach (var (cue, offset) in byAnchor[text[at]])
            {
                var start = at - offset;
                if (start >= 0 && text[start..].StartsWith(cue, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            at++;
        }
    }

    private static int RarestIndex(string cue)
    {
        var best = 0;
        var bestRank = int.MaxValue;
        for (var i = 0; i < cue.Length; i++)
        {
            var rank = Rank(cue[i]);
            if (rank < bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }

        return best;
    }

    private static int Rank(char c)
    {
        if (c == ' ')
        {
            return 1000;
        }

        var latin = LatinByFrequency.IndexOf(c, StringComparison.Ordinal);
        if (latin >= 0)
        {
            return 100 + latin;
        }

        var arabic = ArabicByFrequency.IndexOf(c, StringComparison.Ordinal);
        return arabic >= 0 ? 100 + arabic : char.IsLetter(c) ? 0 : 50;
    }
}
