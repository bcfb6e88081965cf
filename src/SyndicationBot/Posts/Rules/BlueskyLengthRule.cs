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
}
