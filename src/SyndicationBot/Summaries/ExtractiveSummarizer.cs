using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;

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
        var candidates = new List<Candidate>();
        var split = new List<string>();
        var headline = Tokens(article.Title, article.Language);
        string headlineKey = Key(article.Title);
        foreach (string paragraph in article.Paragraphs)
        {
            split.Clear();
            SentenceSplitter.Split(paragraph, article.Language, split);
            foreach (string sentence in split)
            {
                var tokens = Tokens(sentence, article.Language);
                if (IsInformative(sentence, tokens, headline, headlineKey))
                {
                    candidates.Add(new Candidate(sentence, candidates.Count, tokens));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return new Summary([]);
        }

        var frequency = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in candidates)
        {
            foreach (string token in candidate.Tokens)
            {
                frequency[token] = frequency.GetValueOrDefault(token) + 1;
            }
        }

        double best = 0;
        var scores = new double[candidates.Count];
        foreach (var candidate in candidates)
        {
            double content = 0;
            foreach (string token in candidate.Tokens)
            {
                content += frequency[token] - 1 + (headline.Contains(token) ? 2 : 0);
            }

            scores[candidate.Index] = content / Math.Sqrt(candidate.Tokens.Count + 1);
            best = Math.Max(best, scores[candidate.Index]);
        }

        for (int i = 0; i < scores.Length; i++)
        {
            double position = 1.0 / (1.0 + (0.5 * i));
            scores[i] = (0.5 * (best > 0 ? scores[i] / best : 0)) + (0.5 * position);
        }

        var chosen = new List<Candidate> { candidates[0] };
        int max = options.Value.MaxSentences;
        foreach (var candidate in candidates.Skip(1).OrderByDescending(c => scores[c.Index]).ThenBy(c => c.Index))
        {
            if (chosen.Count >= max)
            {
                break;
            }

            if (chosen.TrueForAll(c => Overlap(c.Tokens, candidate.Tokens) < RedundancyThreshold))
            {
                chosen.Add(candidate);
            }
        }

        chosen.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new Summary([.. chosen.Select(c => c.Text)]);
    }

    private static bool IsInformative(string sentence, HashSet<string> tokens, HashSet<string> headline, string headlineKey)
    {
        if (tokens.Count < 3)
        {
            return false;
        }

        string key = Key(sentence);
        return key != headlineKey && !headlineKey.Contains(key, StringComparison.Ordinal) && Overlap(headline, tokens) < HeadlineEcho;
    }

    private static double Overlap(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        int shared = 0;
        foreach (string token in a)
        {
            if (b.Contains(token))
            {
                shared++;
            }
        }

        return (double)shared / Math.Min(a.Count, b.Count);
    }

    private static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.IsAscii(c) ? char.ToLowerInvariant(c) : c);
            }
        }

        return builder.ToString();
    }

    // Content words for spaced scripts; character bigrams for Chinese and Japanese, which have no spaces.
    private static HashSet<string> Tokens(string text, string language)
    {
        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length)
        {
            if (SentenceSplitter.IsCjk(text[i]))
            {
                if (i + 1 < text.Length && SentenceSplitter.IsCjk(text[i + 1]))
                {
                    tokens.Add(text.Substring(i, 2));
                }

                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark)
                && !SentenceSplitter.IsCjk(text[i]))
            {
                i++;
            }

            if (i - start >= 3 || (language is "ar" && i - start >= 2))
            {
                string word = text[start..i];
                if (!StopWords.Contains(word))
                {
                    tokens.Add(word);
                }
            }
        }

        return tokens;
    }

    private sealed record Candidate(string Text, int Index, HashSet<string> Tokens);
}
