using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>
/// Brings a status's <c>content</c> (the HTML Mastodon renders: <c>&lt;p&gt;</c> per paragraph, <c>&lt;br&gt;</c> per
/// line, links cut into visible and invisible spans, entities escaped) and the text we sent to one form to compare:
/// tags dropped (the invisible spans keep the whole link), entities decoded, white space collapsed, NFC.
/// Hand-written because the content is a narrow, known dialect; an HTML parser would only add a dependency here.
/// </summary>
internal static partial class MastodonStatusText
{
    public static string FromHtml(string content)
    {
        var lines = LineBreak().Replace(content, "\n");
        return Normalize(WebUtility.HtmlDecode(Tag().Replace(lines, string.Empty)));
    }

    public static string Normalize(string text) => Space().Replace(text.Normalize(NormalizationForm.FormC), " ").Trim();

    [GeneratedRegex(@"<br\s*/?>|</p>\s*<p[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
