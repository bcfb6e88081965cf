using System.Text;
using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts.Rules;

/// <summary>Bluesky's <c>app.bsky.feed.post</c> text: at most 300 graphemes and 3000 UTF-8 bytes.</summary>
internal sealed class BlueskyLengthRule(int limit) : ILengthRule
{
    public const int MaxBytes = 3000;

    public int Limit => limit;

    // Composing checks the chosen post (Fits) and then reports its length (Measure): the same text, counted once.
    private LastCount? last;

    public int Measure(string text) => CountGraphemes(text);

    public bool Fits(string text) => Encoding.UTF8.GetByteCount(text) <= MaxBytes && CountGraphemes(text) <= limit;

    private int CountGraphemes(string text)
    {
        if (last is { } remembered && string.Equals(remembered.Text, text, StringComparison.Ordinal))
        {
            return remembered.Count;
        }

        int count = Graphemes.Count(text);
        last = new LastCount(text, count);
        return count;
    }

    private sealed record LastCount(string Text, int Count);

    public TextCost Cost(string text) => new(Graphemes.Count(text), Encoding.UTF8.GetByteCount(text));

    public bool Within(TextCost cost) => cost.Units <= limit && cost.Bytes <= MaxBytes;

    public TextCost[]? PrefixCosts(string text)
    {
        var costs = new TextCost[text.Length + 1];
        int units = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.Length)
        {
            // As in Graphemes.Count: in a run of characters UAX #29 always separates, all but the last are one
            // cluster each. None of them is a surrogate, so each is one to three UTF-8 bytes by its value alone.
            int run = Graphemes.IsolatedRun(text.AsSpan(i));
            for (int end = i + run - 1; i < end; i++)
            {
                char c = text[i];
                units++;
                bytes += c < '\u0080' ? 1 : c < '\u0800' ? 2 : 3;
                costs[i + 1] = new TextCost(units, bytes);
            }

            int step = Graphemes.NextLength(text.AsSpan(i));
            units++;
            bytes += Utf8Length(text.AsSpan(i, step));
            for (int k = i + 1; k <= i + step; k++)
            {
                costs[k] = new TextCost(units, bytes);
            }

            i += step;
        }

        return costs;
    }

    // Encoding.UTF8.GetByteCount of one cluster, without its call per character: a lone surrogate becomes U+FFFD
    // (three bytes), as the encoder's replacement fallback makes it.
    private static int Utf8Length(ReadOnlySpan<char> cluster)
    {
        int bytes = 0;
        for (int k = 0; k < cluster.Length; k++)
        {
            char c = cluster[k];
            if (c < '\u0080')
            {
                bytes += 1;
            }
            else if (c < '\u0800')
            {
                bytes += 2;
            }
            else if (char.IsHighSurrogate(c) && k + 1 < cluster.Length && char.IsLowSurrogate(cluster[k + 1]))
            {
                bytes += 4;
                k++;
            }
            else
            {
                bytes += 3;
            }
        }

        return bytes;
    }
}
