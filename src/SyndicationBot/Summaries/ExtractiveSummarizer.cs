using System.Globalization;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Text;

namespace SyndicationBot.Summaries;

// Extractive on purpose: followers must read the article's own words, so sentences are chosen, never
// rewritten. News puts the key fact first, so the first informative sentence always leads; the others
// are scored by how many of the article's recurring (and headline) words they carry, with a decaying
// bonus for early position, and skipped when they mostly repeat a sentence already chosen.
internal sealed class ExtractiveSummarizer(IOptions<SummariesOptions> options) : ISummarizer
{
    private const double RedundancyThreshold = 0.5;
    private const double HeadlineEcho = 0.7;

    // Case-insensitive sets rather than lower-casing every word: culture-aware lower-casing of non-ASCII text
    // goes through ICU once per call, which dominated the summariser's time.
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "les", "des", "une", "est", "sont", "dans", "pour", "par", "sur", "avec", "aux", "que", "qui", "ont", "été",
        "cette", "ces", "son", "ses", "leur", "leurs", "entre", "mais", "plus", "pas", "comme", "lors", "dont", "elle",
        "il", "ils", "elles", "nous", "vous", "ainsi", "également", "aussi", "tout", "tous", "très", "être", "avoir",
        "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "has", "have", "had", "its", "his",
        "her", "their", "will", "would", "said", "not", "but", "also", "been", "into", "than", "which", "who", "they",
        "في", "من", "على", "إلى", "عن", "أن", "التي", "الذي", "مع", "هذا", "هذه",
    };

    public Summary Summarize(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);

        // Every distinct word (case-insensitively) gets a number once; sets, counts and overlaps then work on
        // numbers instead of hashing each word again for every set it is looked up in. Headline words come first,
        // so "in the headline" is "numbered below the headline's count".
        // The tables are reused from the thread's previous call rather than allocated and zeroed per call (the
        // measurements are in docs/BENCHMARKS.md). Taken out while in use, so a call that throws leaves nothing half-used behind.
        var workspace = cachedWorkspace ?? new Workspace();
        cachedWorkspace = null;
        try
        {
            return Summarize(article, workspace);
        }
        finally
        {
            workspace.Release();
            cachedWorkspace = workspace;
        }
    }

    [ThreadStatic]
    private static Workspace? cachedWorkspace;

    private Summary Summarize(Article article, Workspace workspace)
    {
        var words = workspace.Words;
        var scratch = workspace.Tokens;
        var seen = workspace.Seen;
        words.Reset();
        Tokens(article.Title, new Range(0, article.Title.Length), article.Language, words, seen, scratch);
        int headlineCount = words.Count;
        int longest = article.Title.Length;
        foreach (string paragraph in article.Paragraphs)
        {
            longest = Math.Max(longest, paragraph.Length);
        }

        // One buffer for every sentence's key, and the headline's key after it.
        var keys = workspace.Keys(longest + article.Title.Length);
        var headlineKey = Key(article.Title, keys.AsSpan(longest));

        var candidates = new List<Candidate>();
        var ranges = workspace.Ranges;
        foreach (string paragraph in article.Paragraphs)
        {
            ranges.Clear();
            SentenceSplitter.Split(paragraph, article.Language, ranges);
            foreach (var range in ranges)
            {
                var sentence = paragraph.AsSpan(range);
                int letters = Tokens(paragraph, range, article.Language, words, seen, scratch);
                if (IsInformative(sentence, letters, scratch, headlineCount, headlineKey, keys))
                {
                    candidates.Add(new Candidate(paragraph, range, candidates.Count, [.. scratch]));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return new Summary([]);
        }

        var frequency = new int[words.Count];
        foreach (var candidate in candidates)
        {
            foreach (int token in candidate.Tokens)
            {
                frequency[token]++;
            }
        }

        double best = 0;
        var scores = new double[candidates.Count];
        foreach (var candidate in candidates)
        {
            double content = 0;
            foreach (int token in candidate.Tokens)
            {
                content += frequency[token] - 1 + (token < headlineCount ? 2 : 0);
            }

            scores[candidate.Index] = content / Math.Sqrt(candidate.Tokens.Length + 1);
            best = Math.Max(best, scores[candidate.Index]);
        }

        for (int i = 0; i < scores.Length; i++)
        {
            double position = 1.0 / (1.0 + (0.5 * i));
            scores[i] = (0.5 * (best > 0 ? scores[i] / best : 0)) + (0.5 * position);
        }

        // Best score first, earlier sentence first among equal scores (the order a stable sort by score gives).
        var ranked = candidates.GetRange(1, candidates.Count - 1);
        ranked.Sort((a, b) => scores[a.Index] != scores[b.Index] ? scores[b.Index].CompareTo(scores[a.Index]) : a.Index.CompareTo(b.Index));
        var chosen = new List<Candidate> { candidates[0] };
        int max = options.Value.MaxSentences;
        foreach (var candidate in ranked)
        {
            if (chosen.Count >= max)
            {
                break;
            }

            if (chosen.TrueForAll(c => Overlap(c.Tokens, candidate.Tokens, seen) < RedundancyThreshold))
            {
                chosen.Add(candidate);
            }
        }

        chosen.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new Summary([.. chosen.Select(c => c.Text)]);
    }

    private static bool IsInformative(ReadOnlySpan<char> sentence, int letters, List<int> tokens, int headlineCount, ReadOnlySpan<char> headlineKey, Span<char> buffer)
    {
        if (tokens.Count < 3)
        {
            return false;
        }

        // The key holds one character per letter or digit: a longer one can neither equal the headline's nor be in it.
        if (letters <= headlineKey.Length)
        {
            var key = Key(sentence, buffer);
            if (key.SequenceEqual(headlineKey) || headlineKey.IndexOf(key) >= 0)
            {
                return false;
            }
        }

        if (headlineCount == 0)
        {
            return true;
        }

        int shared = 0;
        foreach (int token in tokens)
        {
            if (token < headlineCount)
            {
                shared++;
            }
        }

        // An echo is a sentence made mostly of the headline's words. A news lead restates the headline and then
        // adds the facts (who, how many, where); measured against the sentence, not the headline, it stays.
        return (double)shared / tokens.Count < HeadlineEcho;
    }

    private static double Overlap(int[] a, int[] b, Stamps seen)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int stamp = seen.Next();
        foreach (int token in b)
        {
            seen.Mark(token, stamp);
        }

        int shared = 0;
        foreach (int token in a)
        {
            if (seen.IsMarked(token, stamp))
            {
                shared++;
            }
        }

        return (double)shared / Math.Min(a.Length, b.Length);
    }

    // The letters and digits of the text, ASCII lower-cased, written into the buffer.
    private static ReadOnlySpan<char> Key(ReadOnlySpan<char> text, Span<char> buffer)
    {
        int length = 0;
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.IsAscii(c) ? char.ToLowerInvariant(c) : c;
            }
        }

        return buffer[..length];
    }

    // Content words for spaced scripts; character bigrams for Chinese and Japanese, which have no spaces. Writes
    // the text's distinct word numbers, in order of first appearance, into the list; returns how many letters and
    // digits the text has (the length of its key).
    private static int Tokens(string source, Range range, string language, WordNumbers words, Stamps seen, List<int> tokens)
    {
        var text = source.AsSpan(range);
        int offset = range.Start.GetOffset(source.Length);
        tokens.Clear();
        int stamp = seen.Next();
        int letters = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsAscii(text[i]) && !char.IsAsciiLetterOrDigit(text[i]))
            {
                // Spaces and ASCII punctuation between words: neither CJK nor a word start.
                i++;
                continue;
            }

            if (Cjk.IsLetter(text[i]))
            {
                // A CJK character is a letter (Cjk.IsLetter requires OtherLetter).
                letters++;
                if (i + 1 < text.Length && Cjk.IsLetter(text[i + 1]))
                {
                    Add(words.Number(source, offset + i, 2, mayBeStopWord: false), seen, stamp, tokens);
                }

                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            // The word's hash is built while it is scanned, rather than in a second pass over it.
            int start = i;
            uint hash = WordNumbers.HashSeed;
            while (i < text.Length)
            {
                char c = text[i];
                if (char.IsAscii(c))
                {
                    // An ASCII character is neither a mark nor CJK: only letters and digits continue the word.
                    if (!char.IsAsciiLetterOrDigit(c))
                    {
                        break;
                    }

                    letters++;
                }
                else
                {
                    bool letter = char.IsLetterOrDigit(c);
                    if (!(letter || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) || Cjk.IsLetter(c))
                    {
                        break;
                    }

                    letters += letter ? 1 : 0;
                }

                hash = WordNumbers.HashStep(hash, c);
                i++;
            }

            if (i - start >= 3 || (language is "ar" && i - start >= 2))
            {
                Add(words.Number(source, offset + start, i - start, WordNumbers.HashEnd(hash), mayBeStopWord: true), seen, stamp, tokens);
            }
        }

        return letters;
    }

    private static void Add(int token, Stamps seen, int stamp, List<int> tokens)
    {
        if (token >= 0 && !seen.IsMarked(token, stamp))
        {
            seen.Mark(token, stamp);
            tokens.Add(token);
        }
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // Case-insensitive numbering of words, as the former case-insensitive sets compared them (same hash and
    // equality). An open-addressing table over the words' places in the article, so no word is copied into a string
    // of its own; a stop word is remembered as -1, so each distinct word is looked up in the stop list once.
    private sealed class WordNumbers
    {
        private const int InitialSlots = 512;

        private readonly List<string> sources = [];
        private Slot[] slots = new Slot[InitialSlots];
        private int used;

        // A slot is filled only when it carries the current generation: starting afresh clears nothing.
        private int generation;

        /// <summary>How many words have a number (stop words have none).</summary>
        public int Count { get; private set; }

        public void Reset()
        {
            sources.Clear();
            Count = 0;
            used = 0;
            if (generation == int.MaxValue || slots.Length > InitialSlots * 8)
            {
                // Wrapped generations would revive stale slots; a table grown for one huge article is not kept.
                slots = new Slot[InitialSlots];
                generation = 0;
            }

            generation++;
        }

        /// <summary>Drops the references to the article's text once the call is over.</summary>
        public void Release() => sources.Clear();

        public int Number(string source, int start, int length, bool mayBeStopWord) =>
            Number(source, start, length, Hash(source.AsSpan(start, length)), mayBeStopWord);

        /// <summary>As <see cref="Number(string, int, int, bool)"/>, with the word's <see cref="Hash"/> already known.</summary>
        public int Number(string source, int start, int length, int hash, bool mayBeStopWord)
        {
            var word = source.AsSpan(start, length);
            int mask = slots.Length - 1;
            int i = hash & mask;

            while (slots[i].Generation == generation)
            {
                ref readonly var slot = ref slots[i];
                if (slot.Hash == hash && slot.Length == length && Same(word, sources[slot.Source].AsSpan(slot.Start, slot.Length)))
                {
                    return slot.Number;
                }

                i = (i + 1) & mask;
            }

            if (sources.Count == 0 || !ReferenceEquals(sources[^1], source))
            {
                sources.Add(source);
            }

            int number = mayBeStopWord && MayBeStopWord(hash) && StopWordLookup.Contains(word) ? -1 : Count++;
            slots[i] = new Slot(generation, hash, number, sources.Count - 1, start, length);
            if (++used * 4 > slots.Length * 3)
            {
                Grow();
            }

            return number;
        }

        // Equal words have equal hashes, so a word whose hash no stop word has is no stop word: most words skip the
        // set's own case-insensitive hashing.
        private static readonly ulong[] StopWordHashes = StopWordFilter();

        private static bool MayBeStopWord(int hash) => (StopWordHashes[(hash >>> 6) & 63] & (1UL << hash)) != 0;

        private static ulong[] StopWordFilter()
        {
            var filter = new ulong[64];
            foreach (string word in StopWords)
            {
                int hash = Hash(word);
                filter[(hash >>> 6) & 63] |= 1UL << hash;
            }

            return filter;
        }

        // Most repeats are spelt the same way: the exact comparison is cheaper than the case-insensitive one.
        private static bool Same(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
            a.SequenceEqual(b) || a.Equals(b, StringComparison.OrdinalIgnoreCase);

        // Equal under OrdinalIgnoreCase implies equal hash: the lengths match, ASCII letters are folded, and no
        // character outside ASCII is OrdinalIgnoreCase-equal to one inside it, so every non-ASCII character can
        // count as the same value. Accented words differing only in accents collide, which costs one comparison.
        // Cheaper than the framework's case-insensitive hash, which upper-cases non-ASCII text into a buffer.
        public static int Hash(ReadOnlySpan<char> word)
        {
            uint hash = HashSeed;
            foreach (char c in word)
            {
                hash = HashStep(hash, c);
            }

            return HashEnd(hash);
        }

        public const uint HashSeed = 2166136261;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static uint HashStep(uint hash, char c)
        {
            uint folded = c < 0x80 ? (c is >= 'a' and <= 'z' ? (uint)c - 0x20 : c) : 0x80u;
            return (hash ^ folded) * 16777619;
        }

        public static int HashEnd(uint hash) => (int)(hash ^ (hash >> 15));

        private void Grow()
        {
            var old = slots;
            slots = new Slot[old.Length * 2];
            int mask = slots.Length - 1;
            foreach (var slot in old)
            {
                if (slot.Generation != generation)
                {
                    continue;
                }

                int i = slot.Hash & mask;
                while (slots[i].Generation == generation)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = slot;
            }
        }

        private readonly record struct Slot(int Generation, int Hash, int Number, int Source, int Start, int Length);
    }

    // Set membership by word number without clearing between sets: a word is in the current set when its mark
    // equals the current stamp.
    private sealed class Stamps
    {
        private int[] marks = new int[256];
        private int current;

        public int Next()
        {
            if (current == int.MaxValue)
            {
                // Wrapped stamps would match stale marks.
                Array.Clear(marks);
                current = 0;
            }

            return ++current;
        }

        public bool IsMarked(int token, int stamp) => token < marks.Length && marks[token] == stamp;

        public void Mark(int token, int stamp)
        {
            if (token >= marks.Length)
            {
                Array.Resize(ref marks, Math.Max(marks.Length * 2, token + 1));
            }

            marks[token] = stamp;
        }
    }

    // What one call needs besides its result, kept per thread between calls.
    private sealed class Workspace
    {
        private char[] keys = new char[1024];

        public WordNumbers Words { get; } = new();

        public Stamps Seen { get; } = new();

        public List<int> Tokens { get; } = [];

        public List<Range> Ranges { get; } = [];

        public char[] Keys(int length)
        {
            if (keys.Length < length)
            {
                keys = new char[Math.Max(length, keys.Length * 2)];
            }

            return keys;
        }

        public void Release() => Words.Release();
    }

    private sealed record Candidate(string Paragraph, Range Range, int Index, int[] Tokens)
    {
        public string Text => SentenceSplitter.Materialize(Paragraph, Range);
    }
}
