using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts.Rules;

/// <summary>X: twitter-text config v3 weighted length (NFC, weighted code points, emoji 2, URL 23).</summary>
internal sealed class XLengthRule(int limit) : ILengthRule
{
    private static readonly TwitterTextConfiguration Config = TwitterTextConfiguration.Version3;

    public int Limit => limit;

    // Composing checks the chosen post (Fits) and then reports its length (Measure): the same text, parsed once.
    private LastParse? last;

    public int Measure(string text) => Parse(text).WeightedLength;

    public bool Fits(string text)
    {
        var parsed = Parse(text);
        return parsed.WeightedLength <= limit && (parsed.Valid || parsed.WeightedLength > Config.MaxWeightedTweetLength);
    }

    private TweetLength Parse(string text)
    {
        if (last is { } remembered && string.Equals(remembered.Text, text, StringComparison.Ordinal))
        {
            return remembered.Parsed;
        }

        var parsed = TwitterText.Parse(text, Config);
        last = new LastParse(text, parsed);
        return parsed;
    }

    private sealed record LastParse(string Text, TweetLength Parsed);

    public TextCost Cost(string text) => new(TwitterText.WeightedLength(text), 0);

    public bool Within(TextCost cost) => cost.Units <= limit;

    public TextCost[]? PrefixCosts(string text)
    {
        int[]? weights = TwitterText.PrefixWeights(text, Config);
        if (weights is null)
        {
            return null;
        }

        var costs = new TextCost[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            costs[i] = new TextCost(weights[i] / Config.Scale, 0);
        }

        return costs;
    }
}
