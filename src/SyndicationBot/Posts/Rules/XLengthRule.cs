using SyndicationBot.Posts.Text;

namespace SyndicationBot.Posts.Rules;

/// <summary>X: twitter-text config v3 weighted length (NFC, weighted code points, emoji 2, URL 23).</summary>
internal sealed class XLengthRule(int limit) : ILengthRule
{
    public int Limit => limit;

    public int Measure(string text) => TwitterText.WeightedLength(text);

    public bool Fits(string text)
    {
        var parsed = TwitterText.Parse(text, TwitterTextConfiguration.Version3);
        return parsed.WeightedLength <= limit && (parsed.Valid || parsed.WeightedLength > TwitterTextConfiguration.Version3.MaxWeightedTweetLength);
    }
}
