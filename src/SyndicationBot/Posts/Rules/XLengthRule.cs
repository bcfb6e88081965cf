using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts.Rules;

/// <summary>X: twitter-text config v3 weighted length (NFC, weighted code points, emoji 2, URL 23).</summary>
internal sealed class XLengthRule(int limit) : ILengthRule
{
    private static readonly TwitterTextConfiguration Config = TwitterTextConfiguration.Version3;

    public int Limit => limit;

    public int Measure(string text) => TwitterText.WeightedLength(text);

    public bool Fits(string text)
    {
        var parsed = TwitterText.Parse(text, Config);
        return parsed.WeightedLength <= limit && (parsed.Valid || parsed.WeightedLength > Config.MaxWeightedTweetLength);
    }

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
