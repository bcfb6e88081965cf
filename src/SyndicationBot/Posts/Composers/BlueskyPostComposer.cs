using System.Text;
using SyndicationBot.Articles;
using SyndicationBot.Posts.Rules;
using SyndicationBot.Posts.Text;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts.Composers;

/// <summary>Bluesky: at most 300 graphemes and 3000 UTF-8 bytes, link and tag facets in UTF-8 byte offsets, an external link card.</summary>
internal sealed class BlueskyPostComposer(PostComposition composition, ChannelLimits limits) : IPostComposer
{
    public const string DefaultTemplate = "{title}\n\n{summary}\n\n{url} {hashtags}";

    private const int ShortLinkLength = 30;

    public string Channel => PostChannels.Bluesky;

    public PostDraft Compose(Article article, Summary summary)
    {
        var spec = new ChannelSpec(Channel, new BlueskyLengthRule(limits.GetLimit(Channel)), DefaultTemplate, true, PlainRenderer.Render)
        {
            ShortLinkText = ShortLink,
        };
        var draft = composition.Compose(spec, article, summary);
        return draft with
        {
            Facets = Facets(draft.Text, article.Url),
            Embed = article.Url is { } url
                ? new LinkCard(url, article.Title, summary.Sentences.Count > 0 ? summary.Sentences[0] : string.Empty, article.ImageUrl)
                : null,
            ThreadReplies = [.. draft.ThreadReplies.Select(r => r with { Facets = Facets(r.Text, null) })],
        };
    }

    // Bluesky links nothing by itself: every URL and hashtag needs a facet whose offsets are UTF-8 bytes.
    internal static IReadOnlyList<TextFacet> Facets(string text, Uri? articleLink)
    {
        var facets = new List<TextFacet>();
        var urls = UrlExtractor.Extract(text, includeWithoutProtocol: true);
        (int Start, int End) shortened = (-1, -1);
        if (articleLink is not null && !text.Contains(articleLink.AbsoluteUri, StringComparison.Ordinal))
        {
            // The composer showed the link shortened (it may not even parse as a URL): link it where it stands.
            string shortLink = ShortLink(articleLink);
            int at = text.LastIndexOf(shortLink, StringComparison.Ordinal);
            if (at >= 0)
            {
                shortened = (at, at + shortLink.Length);
                facets.Add(Facet("link", text, at, at + shortLink.Length, articleLink.AbsoluteUri));
            }
        }

        foreach (var url in urls)
        {
            if (url.Start < shortened.End && shortened.Start < url.End)
            {
                continue;
            }

            string shown = text.Substring(url.Start, url.Length);
            if (!url.HasProtocol && !LooksLikeWebAddress(shown, articleLink))
            {
                continue;
            }

            facets.Add(Facet("link", text, url.Start, url.End, url.HasProtocol ? shown : "https://" + shown));
        }

        AddTags(text, urls, facets);
        facets.Sort((a, b) => a.ByteStart.CompareTo(b.ByteStart));
        return facets;
    }

    // twitter-text finds a URL in any word that ends in a top-level domain ("Sportsnet.ca", "time.now", "R-W.Va"):
    // right for X, which counts such words as links whatever the reader sees, and X's counting keeps using it.
    // A facet is different: it makes the word clickable, so it must be what a reader takes for a web address.
    // Written with http(s):// it always is (that case never reaches here); without a scheme, a host starting with
    // "www." is, and so is a host written all in lower case that either carries a path ("medias24.com/economie")
    // or is the article's own site ("Source : lematin.ma"). Capitals mark a name, an abbreviation or a sentence
    // joined without a space ("Hespress.com rapporte", "D-W.Va"), and a bare lower-case host with no path is as
    // often a word run into the next one ("time.now") as a site, so those stay plain text.
    private static bool LooksLikeWebAddress(string shown, Uri? articleLink)
    {
        int slash = shown.IndexOf('/', StringComparison.Ordinal);
        string host = slash < 0 ? shown : shown[..slash];
        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (host.Any(char.IsUpper))
        {
            return false;
        }

        return slash >= 0 || (articleLink is not null && string.Equals(SiteOf(host), SiteOf(articleLink.IdnHost), StringComparison.OrdinalIgnoreCase));
    }

    private static string SiteOf(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    private static void AddTags(string text, List<UrlSpan> urls, List<TextFacet> facets)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('#' or '＃') || (i > 0 && !char.IsWhiteSpace(text[i - 1])) || urls.Exists(u => u.Start <= i && i < u.End))
            {
                continue;
            }

            int end = i + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'
                || char.GetUnicodeCategory(text[end]) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark))
            {
                end++;
            }

            string tag = text[(i + 1)..end];
            if (tag.Length is > 0 and <= 64 && tag.Any(char.IsLetter))
            {
                facets.Add(Facet("tag", text, i, end, tag));
            }

            i = end - 1;
        }
    }

    private static TextFacet Facet(string type, string text, int start, int end, string value)
    {
        int byteStart = Encoding.UTF8.GetByteCount(text.AsSpan(0, start));
        return new TextFacet(type, byteStart, byteStart + Encoding.UTF8.GetByteCount(text.AsSpan(start, end - start)), value);
    }

    // The Bluesky app's own display form: no scheme, at most 30 characters, "…" when shortened.
    private static string ShortLink(Uri url)
    {
        string shown = url.AbsoluteUri[(url.Scheme.Length + 3)..];
        return shown.Length <= ShortLinkLength ? shown : string.Concat(shown.AsSpan(0, ShortLinkLength - 1), TextCutter.Ellipsis);
    }
}
