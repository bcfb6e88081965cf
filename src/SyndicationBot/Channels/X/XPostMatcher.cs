using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SyndicationBot.Channels.X;

/// <summary>
/// Tells whether a post on the account's timeline is ours. X does not return the text it was sent: every link is
/// replaced by a <c>https://t.co/…</c> short link (its <c>entities.urls</c> give the <c>expanded_url</c> back),
/// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> come HTML-escaped, and the text is NFC-normalised. Both sides are brought
/// to that one form: links expanded and compared without case in scheme and host or a trailing slash, entities
/// decoded, white space collapsed.
/// </summary>
internal static partial class XPostMatcher
{
    public static bool Matches(XTimelinePost tweet, string sentText)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        var rendered = tweet.Text;
        foreach (var entity in tweet.Entities?.Urls ?? [])
        {
            if (!string.IsNullOrEmpty(entity.ExpandedUrl))
            {
                rendered = rendered.Replace(entity.Url, entity.ExpandedUrl, StringComparison.Ordinal);
            }
        }

        return string.Equals(Normalize(WebUtility.HtmlDecode(rendered)), Normalize(sentText), StringComparison.Ordinal);
    }

    private static string Normalize(string text)
    {
        var links = Link().Replace(text.Normalize(NormalizationForm.FormC), match =>
            Uri.TryCreate(match.Value, UriKind.Absolute, out var uri)
                ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant() + uri.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped).TrimEnd('/')
                : match.Value);
        return Space().Replace(links, " ").Trim();
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
