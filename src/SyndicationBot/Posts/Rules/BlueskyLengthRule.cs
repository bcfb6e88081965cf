using System.Text;
using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts.Rules;

/// <summary>Bluesky's <c>app.bsky.feed.post</c> text: at most 300 graphemes and 3000 UTF-8 bytes.</summary>
internal sealed class BlueskyLengthRule(int limit) : ILengthRule
{
    public const int MaxBytes = 3000;

    public int Limit => limit;

    public int Measure(string text) => Graphemes.Count(text);

    public bool Fits(string text) => Encoding.UTF8.GetByteCount(text) <= MaxBytes && Graphemes.Count(text) <= limit;

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
            int step = Graphemes.NextLength(text.AsSpan(i));
            units++;
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(i, step));
            for (int k = i + 1; k <= i + step; k++)
            {
                costs[k] = new TextCost(units, bytes);
            }

            i += step;
        }

        return costs;
    }
}
