using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Articles;
using SyndicationBot.Posts;
using SyndicationBot.Posts.Text;
using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts;

// Generated articles mixing everything that breaks naive counting: emoji ZWJ sequences and skin tones, flags,
// keycaps, combining marks, CJK, right-to-left scripts, URLs, hashtags, handles, numbers and very long words.
public sealed class ComposerPropertyTests
{
    private static readonly string[] Fragments =
    [
        "sécurité", "Maroc", "l’ambassadrice", "coopération", "the", "partnership", "and", "«", "»", "“quoted”",
        "1 200", "8,5 %", "3.4", "91ᵉ", "1er", "€", "…", "\u202F:", "—", "(", ")", "&", "<b>", "\"", "'",
        "👨‍👩‍👧‍👦", "👍🏽", "🇲🇦", "1️⃣", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "❤️", "🧕🏾", "👩🏽‍🚀",
        "e\u0301té", "a\u0308\u0323", "Z\u0351\u0352\u0353", "ﷺ",
        "会议今天开始", "代表们讨论了合作", "あいうえおかきくけこ", "한국어", "，",
        "الاجتماع", "المغرب؟", "שלום", "\u200F",
        "https://example.com/path?q=1", "www.lemonde.fr/a-b", "t.co/x", "https://www.lematin.ma/nation/article-12345.html",
        "http://例え.jp/パス", "#Maroc", "#sécurité", "@handle", "@someone_else", "name@example.com",
        "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller", new('x', 120),
    ];

    private static readonly Uri?[] Links =
    [
        null,
        new("https://www.lematin.ma/nation/hammouchi-chine-partenariat/123456"),
        new("https://example.org/a"),
        new("https://news.example.com/" + new string('p', 300) + "?id=1"),
        new("https://www.hespress.com/%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8-123.html"),
    ];

    private static readonly Gen<string> Word = Gen.OneOfConst(Fragments);

    private static readonly Gen<string> Sentence =
        Word.Array[1, 45].Select(words => string.Join(' ', words) + ".");

    private static readonly Gen<(Article Article, Summary Summary)> Articles =
        Gen.Select(Word.Array[1, 20], Sentence.Array[0, 6], Gen.OneOfConst(Links), Gen.OneOfConst("Maroc", "Sécurité nationale", "中国", "#Tech", "x y z").Array[0, 4])
            .Select((title, sentences, link, tags) => (
                new Article("generated", string.Join(' ', title), sentences, "fr", link, null, null, null, tags, "hash"),
                new Summary(sentences)));

    [Fact]
    public void Compose_GeneratedArticles_EveryPostWithinItsNetworkRule()
    {
        // Arrange
        using var provider = ThreadedHost();
        var composers = provider.GetServices<IPostComposer>().ToList();

        // Act // Assert
        Articles.Sample(pair =>
        {
            foreach (var composer in composers)
            {
                var draft = composer.Compose(pair.Article, pair.Summary);
                foreach (var post in draft.ThreadReplies.Prepend(draft))
                {
                    AssertWithinRule(post);
                }
            }
        }, iter: 250);
    }

    [Fact]
    public void Compose_GeneratedArticles_LinkIntactAndNoCutInsideGraphemeUrlOrNumber()
    {
        // Arrange
        using var provider = ThreadedHost();
        var composers = provider.GetServices<IPostComposer>().Where(c => c.Channel is "x" or "mastodon" or "bluesky" or "outbox").ToList();

        // Act // Assert
        Articles.Sample(pair =>
        {
            foreach (var composer in composers)
            {
                var draft = composer.Compose(pair.Article, pair.Summary);
                if (pair.Article.Url is { } url)
                {
                    bool shown = draft.Text.Contains(url.AbsoluteUri, StringComparison.Ordinal);
                    bool linkedByFacet = draft.Facets.Any(f => f.Type == "link" && f.Value == url.AbsoluteUri);
                    Assert.True(composer.Channel == "bluesky" ? linkedByFacet : shown, $"{composer.Channel}: link missing from {draft.Text}");
                }
                else
                {
                    Assert.Null(draft.Link);
                }

                var sources = new List<string> { Defused(composer.Channel, pair.Article.Title) };
                sources.AddRange(pair.Summary.Sentences.Select(s => Defused(composer.Channel, s)));
                foreach (var post in draft.ThreadReplies.Prepend(draft))
                {
                    AssertCleanCuts(post.Text, sources, pair.Article.Url);
                }
            }
        }, iter: 250);
    }

    [Fact]
    public void Compose_GeneratedArticles_BlueskyFacetsSliceExactlyTheLinkedBytes()
    {
        // Arrange
        using var provider = ThreadedHost();
        var bluesky = provider.Composer("bluesky");

        // Act // Assert
        Articles.Sample(pair =>
        {
            var draft = bluesky.Compose(pair.Article, pair.Summary);
            foreach (var post in draft.ThreadReplies.Prepend(draft))
            {
                byte[] bytes = Encoding.UTF8.GetBytes(post.Text);
                foreach (var facet in post.Facets)
                {
                    string slice = Encoding.UTF8.GetString(bytes.AsSpan(facet.ByteStart, facet.ByteEnd - facet.ByteStart));
                    if (facet.Type == "tag")
                    {
                        Assert.Equal("#" + facet.Value, slice);
                    }
                    else if (facet.Value == pair.Article.Url?.AbsoluteUri)
                    {
                        Assert.True(slice == facet.Value || (slice.EndsWith('…') && facet.Value.Contains(slice[..^1], StringComparison.Ordinal)), slice);
                    }
                    else
                    {
                        Assert.True(facet.Value == slice || facet.Value == "https://" + slice, $"{facet.Value} vs {slice}");
                    }
                }
            }
        }, iter: 250);
    }

    [Fact]
    public void Compose_GeneratedArticles_MentionsNeverNotifyOnSocialNetworks()
    {
        // Arrange
        using var provider = ThreadedHost();
        var composers = provider.GetServices<IPostComposer>().Where(c => c.Channel is "x" or "mastodon" or "bluesky").ToList();

        // Act // Assert
        Articles.Sample(pair =>
        {
            foreach (var composer in composers)
            {
                var draft = composer.Compose(pair.Article, pair.Summary);
                foreach (var post in draft.ThreadReplies.Prepend(draft))
                {
                    Assert.DoesNotContain("@handle", post.Text, StringComparison.Ordinal);
                    Assert.DoesNotContain("@someone_else", post.Text, StringComparison.Ordinal);
                }
            }
        }, iter: 100);
    }

    private static ServiceProvider ThreadedHost() => PostsTestHost.Create(new Dictionary<string, string?>
    {
        ["Posts:Channels:x:Thread:Enabled"] = "true",
        ["Posts:Channels:bluesky:Thread:Enabled"] = "true",
        ["Posts:Channels:bluesky:Thread:MaxPosts"] = "3",
    });

    private static string Defused(string channel, string text) =>
        channel is "x" or "mastodon" or "bluesky" ? MentionDefuser.Defuse(text) : text;

    private static void AssertWithinRule(PostDraft post)
    {
        Assert.InRange(post.Length, 0, post.Limit);
        switch (post.Channel)
        {
            case "x":
                var parsed = TwitterText.Parse(post.Text, TwitterTextConfiguration.Version3);
                Assert.True(parsed.Valid, $"invalid for X ({parsed.WeightedLength}): {post.Text}");
                Assert.Equal(parsed.WeightedLength, post.Length);
                break;
            case "mastodon":
                Assert.InRange(MastodonLength(post.Text), 1, 500);
                break;
            case "bluesky":
                Assert.InRange(new StringInfo(post.Text).LengthInTextElements, 1, 300);
                Assert.InRange(Encoding.UTF8.GetByteCount(post.Text), 1, 3000);
                break;
            case "telegram":
                Assert.InRange(TelegramVisible(post.Text).Length, 1, 4096);
                break;
            default:
                Assert.InRange(post.Text.Length, 0, post.Limit);
                break;
        }
    }

    // Mastodon's rule, restated independently: graphemes, with each http(s) URL replaced by 23 characters.
    private static int MastodonLength(string text)
    {
        var builder = new StringBuilder(text);
        foreach (var url in UrlExtractor.Extract(text, includeWithoutProtocol: false).OrderByDescending(u => u.Start))
        {
            builder.Remove(url.Start, url.Length).Insert(url.Start, new string('x', 23));
        }

        return new StringInfo(builder.ToString()).LengthInTextElements;
    }

    internal static string TelegramVisible(string html)
    {
        var plain = new StringBuilder();
        for (int i = 0; i < html.Length; i++)
        {
            if (html[i] == '<')
            {
                int close = html.IndexOf('>', i);
                string tag = html[i..(close + 1)];
                Assert.Matches("^(<b>|</b>|<a href=\"[^\"<>]*\">|</a>)$", tag);
                i = close;
                continue;
            }

            Assert.NotEqual('>', html[i]);
            plain.Append(html[i]);
        }

        return plain.ToString().Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    private static bool IsWhole(string line, List<string> sources)
    {
        for (int start = 0; start < sources.Count; start++)
        {
            for (int count = 1; start + count <= sources.Count; count++)
            {
                if (string.Join(' ', sources.Skip(start).Take(count)) == line)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Every line that ends in "…" must be a cut of a title or summary text at a grapheme boundary, outside any
    // URL and between two digits of no number.
    private static void AssertCleanCuts(string text, List<string> sources, Uri? link)
    {
        foreach (string line in text.Split('\n'))
        {
            if (!line.EndsWith('…'))
            {
                continue;
            }

            if (IsWhole(line, sources))
            {
                continue;
            }

            string kept = line[..^1];
            if (link is not null && link.AbsoluteUri.Contains(kept, StringComparison.Ordinal))
            {
                // Bluesky's shortened display of the link; its facet carries the whole URL.
                continue;
            }

            string? source = sources.Find(s => s.StartsWith(kept, StringComparison.Ordinal));
            Assert.True(source is not null, $"not a cut of the article: {line}");
            int cut = kept.Length;
            Assert.True(Graphemes.IsBoundary(source, cut), $"cut inside a grapheme: {line}");
            Assert.DoesNotContain(UrlExtractor.Extract(source, includeWithoutProtocol: true), u => u.Start < cut && cut < u.End);
            Assert.False(cut < source.Length && char.IsDigit(source[cut]) && char.IsDigit(kept[^1]), $"cut inside a number: {line}");
        }
    }
}
