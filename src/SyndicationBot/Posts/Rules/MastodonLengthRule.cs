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

    public int Measure(string text)
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
}
