using System.Text;
using SyndicationBot.Text;

namespace SyndicationBot.Posts.Text;

// A port of twitter-text's parseTweet (js/src/parseTweet.js): no .NET implementation exists, and X rejects a
// post whose weighted length differs from its own count, so this follows the reference step by step.
internal static class TwitterText
{
    public static int WeightedLength(string text) => Parse(text, TwitterTextConfiguration.Version3).WeightedLength;

    public static TweetLength Parse(string text, TwitterTextConfiguration config)
    {
        string normalized = ToNfc(text);
        int maxWeighted = config.MaxWeightedTweetLength * config.Scale;
        long weighted = Scan(normalized, config, maxWeighted, [], out int validDisplayIndex, out bool valid);

        int weightedLength = (int)(weighted / config.Scale);
        valid = valid && weighted > 0 && weighted <= maxWeighted;
        int permillage = (int)(weighted * 1000 / maxWeighted);
        validDisplayIndex += text.Length - normalized.Length;

        return new TweetLength(
            weightedLength,
            valid,
            permillage,
            DisplayRangeStart: 0,
            DisplayRangeEnd: text.Length > 0 ? text.Length - 1 : 0,
            ValidRangeStart: 0,
            ValidRangeEnd: validDisplayIndex);
    }

    /// <summary>
    /// The weighted length (times the scale) of every prefix <c>text[..i]</c>, for fitting; null when the text is not
    /// NFC, since then indices into it do not map onto the counted text.
    /// </summary>
    public static int[]? PrefixWeights(string text, TwitterTextConfiguration config)
    {
        if (!ToNfc(text).Equals(text, StringComparison.Ordinal))
        {
            return null;
        }

        int[] prefix = new int[text.Length + 1];
        Scan(text, config, int.MaxValue, prefix, out _, out _);
        return prefix;
    }

    private static long Scan(string normalized, TwitterTextConfiguration config, int maxWeighted, Span<int> prefix, out int validDisplayIndex, out bool valid)
    {
        var urls = UrlExtractor.Extract(normalized, includeWithoutProtocol: true);
        var emoji = config.EmojiParsingEnabled ? TwemojiParser.Parse(normalized) : [];
        int nextUrl = 0;
        int nextEmoji = 0;
        long weighted = 0;
        validDisplayIndex = 0;
        valid = true;
        var bulk = BulkRange(config);
        for (int i = 0; i < normalized.Length; i++)
        {
            int start = i;
            while (nextEmoji < emoji.Count && emoji[nextEmoji].Start < i)
            {
                nextEmoji++;
            }

            if (bulk is { } range && TryBulk(normalized, i, range, NextStart(urls, nextUrl, i), NextStart(emoji, nextEmoji, i), maxWeighted, prefix, ref weighted, ref validDisplayIndex, valid) is > 0 and int run)
            {
                i += run - 1;
                continue;
            }

            if (nextUrl < urls.Count && urls[nextUrl].Start == i)
            {
                weighted += config.TransformedUrlLength * config.Scale;
                i += urls[nextUrl].Length - 1;
                nextUrl++;
            }
            else if (nextEmoji < emoji.Count && emoji[nextEmoji].Start == i)
            {
                weighted += config.DefaultWeight;
                i += emoji[nextEmoji].Length - 1;
                nextEmoji++;
            }
            else
            {
                // Like the reference, a surrogate pair is weighed by its low surrogate, i.e. the default weight.
                if (char.IsHighSurrogate(normalized[i]) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
                {
                    i++;
                }

                weighted += config.WeightOf(normalized[i]);
            }

            if (!prefix.IsEmpty)
            {
                for (int k = start + 1; k <= i + 1; k++)
                {
                    prefix[k] = (int)weighted;
                }
            }

            if (valid)
            {
                valid = normalized[i] is not ('\uFFFE' or '\uFEFF' or '\uFFFF');
            }

            if (valid && weighted <= maxWeighted)
            {
                validDisplayIndex = i;
            }
        }

        return weighted;
    }

    // The first weight range, when a run of its characters can be weighed at once: it holds no surrogate and no
    // character that ends validity (U+FEFF, U+FFFE, U+FFFF), and weighs more than nothing.
    private static TwitterTextWeightRange? BulkRange(TwitterTextConfiguration config) =>
        config.Ranges is [var first, ..] && first.Start >= 0 && first.End < 0xD800 && first.Weight > 0 ? first : null;

    // Where the next entity the scan must stop at starts: entities starting before i are never matched again.
    private static int NextStart(List<UrlSpan> entities, int next, int i) =>
        next < entities.Count && entities[next].Start >= i ? entities[next].Start : int.MaxValue;

    // Weighs the run of first-range characters at i, up to the next URL or emoji, as the character-by-character
    // scan would (same total, prefix weights and last valid index); returns its length, 0 when there is none.
    private static int TryBulk(
        string text, int i, TwitterTextWeightRange range, int nextUrl, int nextEmoji, int maxWeighted, Span<int> prefix,
        ref long weighted, ref int validDisplayIndex, bool valid)
    {
        int limit = Math.Min(text.Length, Math.Min(nextUrl, nextEmoji));
        if (limit - i < 2)
        {
            return 0;
        }

        var span = text.AsSpan(i, limit - i);
        int run = span.IndexOfAnyExceptInRange((char)range.Start, (char)range.End);
        run = run < 0 ? span.Length : run;
        if (run < 2)
        {
            return 0;
        }

        long before = weighted;
        if (valid && maxWeighted >= before)
        {
            long within = Math.Min(run, (maxWeighted - before) / range.Weight);
            if (within > 0)
            {
                validDisplayIndex = i + (int)within - 1;
            }
        }

        if (!prefix.IsEmpty)
        {
            for (int k = 1; k <= run; k++)
            {
                prefix[i + k] = (int)(before + ((long)k * range.Weight));
            }
        }

        weighted = before + ((long)run * range.Weight);
        return run;
    }

    // JavaScript's normalize() passes noncharacters and lone surrogates through; .NET throws on them, so
    // normalise the runs between such characters and keep the characters themselves as they are.
    internal static string ToNfc(string text)
    {
        if (IsNfcStable(text))
        {
            return text;
        }

        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            var builder = new StringBuilder(text.Length);
            int runStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int length = IsUnnormalizable(text, i);
                if (length == 0)
                {
                    // A valid surrogate pair stays whole: its low half is not a lone surrogate.
                    if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        i++;
                    }

                    continue;
                }

                builder.Append(text.AsSpan(runStart, i - runStart).ToString().Normalize(NormalizationForm.FormC));
                builder.Append(text, i, length);
                i += length - 1;
                runStart = i + 1;
            }

            builder.Append(text.AsSpan(runStart).ToString().Normalize(NormalizationForm.FormC));
            return builder.ToString();
        }
    }

    // Text made only of isolated characters is already NFC, which spares the ICU round trip IsNormalized takes for
    // any non-ASCII text, i.e. for every French, Arabic or Chinese sentence measured.
    private static bool IsNfcStable(ReadOnlySpan<char> text)
    {
        while (true)
        {
            int next = text.IndexOfAnyExceptInRange('\0', '\u02FF');
            if (next < 0)
            {
                return true;
            }

            text = text[next..];
            (char first, char last) = IsolatedCharacters.RangeOf(text[0]);
            if (last == '\0')
            {
                return false;
            }

            int end = text.IndexOfAnyExceptInRange(first, last);
            if (end < 0)
            {
                return true;
            }

            text = text[end..];
        }
    }

    private static int IsUnnormalizable(string text, int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, text[i + 1]);
                return (cp & 0xFFFE) == 0xFFFE ? 2 : 0;
            }

            return 1;
        }

        return char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF' || c is >= '\uFDD0' and <= '\uFDEF' ? 1 : 0;
    }
}
