using System.Collections.Frozen;

namespace SyndicationBot.Articles.Text;

/// <summary>
/// A cheap first pass for Latin-script text: counts the most frequent function words of French, English,
/// Spanish, German, Italian, Portuguese and Dutch in the first couple of hundred characters and names a
/// language only when one wins by a clear margin; otherwise it returns null and Lingua decides.
/// </summary>
/// <remarks>
/// Why it exists: Lingua costs most of the whole read of a seed-size page (docs/BENCHMARKS.md), while
/// running news text in these languages is settled by a dozen articles and prepositions in well under a
/// microsecond. Lingua stays the authority for everything the vote is unsure about (short, mixed, or
/// unusual text); tests check the vote agrees with Lingua wherever it answers. Hand-written because no
/// library offers a stop-word vote with an abstain rule; the word lists are the top function words of each
/// language, with words shared across languages listed under every language that uses them.
/// </remarks>
internal static class FunctionWordVote
{
    public const int SampleChars = 200;

    // A decision needs this many function words for the winner and this lead over the runner-up.
    private const int MinWinnerVotes = 4;
    private const int MinLead = 3;
    private const int MaxWordLength = 8;
    private const int MinShareOfWords = 6;

    private const byte Fr = 1 << 0;
    private const byte En = 1 << 1;
    private const byte Es = 1 << 2;
    private const byte De = 1 << 3;
    private const byte It = 1 << 4;
    private const byte Pt = 1 << 5;
    private const byte Nl = 1 << 6;

    private static readonly string[] Codes = ["fr", "en", "es", "de", "it", "pt", "nl"];

    private static readonly FrozenDictionary<string, byte> Words = Build(
        (Fr, "le la les des du de et est une un au aux pour dans sur que qui avec ce cette en a à y on été sont il ont ses leur plus pas ne se par"),
        (En, "a no the and of to in is was for on that with by from has have are it at this said will be an which were its their had been"),
        (Es, "el la los las del de y o no es una un por con para que se su sus al como más fue lo en a ha han entre"),
        (De, "der die das und ist nicht mit von den dem zu auf für ein eine im sich des auch wird hat sie es wurde bei nach aus dass werden in an was er um da"),
        (It, "il di che della del e la le per un una non con gli nel nella sono è da alla delle dei ha anche al più in a su lo se o"),
        (Pt, "o os as do da dos das em um uma não com para que se na no ao pela pelo foi é mais são seu sua à e a de por"),
        (Nl, "de het een van en in is op dat te zijn met voor niet die aan er ook wordt werd door bij naar om hij maar"));

    private static readonly FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The ISO 639-1 code the function words clearly point to, or null when the vote is unsure.</summary>
    public static string? Guess(ReadOnlySpan<char> text)
    {
        if (text.Length > SampleChars)
        {
            text = text[..SampleChars];
        }

        Span<int> votes = stackalloc int[Codes.Length];
        Span<char> lower = stackalloc char[MaxWordLength];
        Span<byte> masks = stackalloc byte[SampleChars / 2];
        var counted = 0;
        var words = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetter(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            var length = i - start;
            words += length > 0 ? 1 : 0;

            // A word cut by the sample's end may be the start of a longer one ("de" of "deux").
            if (length == 0 || length > MaxWordLength || (i == text.Length && i == SampleChars))
            {
                continue;
            }

            var word = lower[..length];
            text.Slice(start, length).ToLowerInvariant(word);
            if (Lookup.TryGetValue(word, out var mask))
            {
                masks[counted++] = mask;
                for (var l = 0; l < Codes.Length; l++)
                {
                    votes[l] += (mask >> l) & 1;
                }
            }
        }

        int best = -1, bestVotes = 0, secondVotes = 0, againstBest = 0;
        for (var l = 0; l < votes.Length; l++)
        {
            if (votes[l] > bestVotes)
            {
                secondVotes = bestVotes;
                bestVotes = votes[l];
                best = l;
            }
            else if (votes[l] > secondVotes)
            {
                secondVotes = votes[l];
            }
        }

        // Function words of other languages that the winner does not share point to mixed text (a quote, a
        // bilingual caption); beyond a stray one or two, the vote abstains.
        if (best >= 0)
        {
            foreach (var mask in masks[..counted])
            {
                againstBest += ((mask >> best) & 1) ^ 1;
            }
        }

        // Dutch is only a spoiler (its words are many of the others'): a Dutch-looking text is left to Lingua.
        // Running text in one of these languages is about a third function words; a text where the winner's are
        // rare (Czech, Indonesian, Polish, which share "a", "no", "di" with them) is another language: Lingua decides.
        return best < 0 || bestVotes < MinWinnerVotes || bestVotes - secondVotes < MinLead
            || againstBest > 1 + (bestVotes / 8) || bestVotes * MinShareOfWords < words || Codes[best] == "nl"
            ? null
            : Codes[best];
    }

    private static FrozenDictionary<string, byte> Build(params (byte Language, string Words)[] lists)
    {
        var words = new Dictionary<string, byte>(StringComparer.Ordinal);
        foreach (var (language, list) in lists)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = (byte)(words.GetValueOrDefault(word) | language);
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
