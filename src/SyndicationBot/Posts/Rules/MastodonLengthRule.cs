using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts.Rules;

/// <summary>
/// Mastodon (StatusLengthValidator): grapheme clusters, every URL written with <c>http(s)://</c> counting as the
/// instance's <c>characters_reserved_per_url</c> (23).
/// </summary>
internal sealed class MastodonLengthRule(int limit) : ILengthRule
{
    public const int CharactersReservedPerUrl = 23;

    public int Limit => limit;

    // Composing checks the chosen post (Fits) and then reports its length (Measure): the same text, counted once.
    private LastCount? last;

    public int Measure(string text)
    {
        if (last is { } remembered && string.Equals(remembered.Text, text, StringComparison.Ordinal))
        {
            return remembered.Count;
        }

        int count = Count(text);
        last = new LastCount(text, count);
        return count;
    }

    private static int Count(string text)
    {
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: false);
        int length = 0;
        int position = 0;
        foreach (var url in urls)
        {
            length += Graphemes.Count(text.AsSpan(position, url.Start - position)) + CharactersReservedPerUrl;
            position = url.End;
        }

        return length + Graphemes.Count(text.AsSpan(position));
    }

    public bool Fits(string text) => Measure(text) <= limit;

    public TextCost Cost(string text) => new(Count(text), 0);

    public bool Within(TextCost cost) => cost.Units <= limit;

    public TextCost[]? PrefixCosts(string text)
    {
        var costs = new TextCost[text.Length + 1];
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: false);
        int nextUrl = 0;
        int units = 0;
        int i = 0;
        while (i < text.Length)
        {
            int step;
            if (nextUrl < urls.Count && urls[nextUrl].Start == i)
            {
                step = urls[nextUrl].Length;
                units += CharactersReservedPerUrl;
                nextUrl++;
            }
            else
            {
                step = Graphemes.NextLength(text.AsSpan(i));
                units++;
            }

            for (int k = i + 1; k <= i + step; k++)
            {
                costs[k] = new TextCost(units, 0);
            }

            i += step;
        }

        return costs;
    }

    private sealed record LastCount(string Text, int Count);
}
