using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Summaries;

namespace SyndicationBot.Posts;

/// <summary>The composition every channel shares: prepare the material, fit it to the rule, split a thread.</summary>
internal sealed class PostComposition(IOptionsMonitor<PostsOptions> options)
{
    private readonly ConcurrentDictionary<string, PostTemplate> templates = new(StringComparer.Ordinal);

    public PostDraft Compose(ChannelSpec spec, Article article, Summary summary)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(summary);
        var channelOptions = options.CurrentValue.For(spec.Channel);
        var template = templates.GetOrAdd(channelOptions.Template ?? spec.DefaultTemplate, PostTemplate.Parse);
        bool defuse = channelOptions.DefuseMentions ?? spec.DefuseMentionsByDefault;

        string title = defuse ? MentionDefuser.Defuse(article.Title) : article.Title;
        IReadOnlyList<string> sentences = defuse ? [.. summary.Sentences.Select(MentionDefuser.Defuse)] : summary.Sentences;
        var hashtags = channelOptions.Hashtags ? HashtagFormatter.Format(article.Tags, channelOptions.MaxHashtags) : [];
        string urlText = article.Url?.AbsoluteUri ?? string.Empty;
        var material = new PostMaterial(title, sentences, urlText, hashtags);

        var rule = spec.Rule;
        var fitted = spec.Unlimited
            ? Whole(template, material)
            : PostFitter.Fit(template, material, rule);
        if (!fitted.Fits && article.Url is not null && spec.ShortLinkText is not null)
        {
            material = material with { UrlText = spec.ShortLinkText(article.Url) };
            fitted = PostFitter.Fit(template, material, rule);
        }

        var replies = Array.Empty<PostDraft>() as IReadOnlyList<PostDraft>;
        if (channelOptions.Thread.Enabled && !spec.Unlimited && fitted.SentencesUsed < sentences.Count)
        {
            (fitted, replies) = Thread(spec, article, template, material, channelOptions.Thread.MaxPosts);
        }

        return Draft(spec, article, fitted) with { ThreadReplies = replies };
    }

    private static FittedPost Whole(PostTemplate template, PostMaterial material)
    {
        var pieces = template.Layout(material.Title, string.Join(' ', material.Sentences), material.UrlText, string.Join(' ', material.Hashtags));
        return new FittedPost(pieces, PostTemplate.ToPlainText(pieces), material.Sentences.Count, true);
    }

    private static PostDraft Draft(ChannelSpec spec, Article article, FittedPost fitted)
    {
        var pieces = fitted.Suffix.Length == 0 ? fitted.Pieces : [.. fitted.Pieces, new PostPiece(TemplateField.Literal, fitted.Suffix)];

        // Plain rendering of the pieces and the suffix is the fitted plain text itself: no need to build it again.
        string text = spec.Render.Equals(PlainRender) ? fitted.PlainText : spec.Render(pieces);
        return new PostDraft(spec.Channel, text, spec.Rule.Measure(fitted.PlainText), spec.Rule.Limit)
        {
            Language = article.Language,
            Link = article.Url,
            Title = article.Title,
        };
    }

    // The first post keeps the layout (title, link, hashtags); the sentences that did not fit follow in replies
    // of whole sentences, each numbered "k/n" and inside the rule. Space for the widest number is reserved first.
    private static (FittedPost First, IReadOnlyList<PostDraft> Replies) Thread(
        ChannelSpec spec, Article article, PostTemplate template, PostMaterial material, int maxPosts)
    {
        string widest = Numbering(maxPosts, maxPosts);
        var first = PostFitter.Fit(template, material, spec.Rule, widest, allowCut: false);
        var rest = material.Sentences.Skip(first.SentencesUsed).ToList();
        var parts = new List<string>();
        string current = string.Empty;
        foreach (string sentence in rest)
        {
            string joined = current.Length == 0 ? sentence : current + " " + sentence;
            if (spec.Rule.Fits(joined + widest))
            {
                current = joined;
                continue;
            }

            if (current.Length > 0)
            {
                parts.Add(current);
                current = string.Empty;
            }

            if (parts.Count >= maxPosts - 1)
            {
                break;
            }

            if (spec.Rule.Fits(sentence + widest))
            {
                current = sentence;
            }
            else if (TextCutter.Cut(sentence, s => spec.Rule.Fits(s + widest)) is { } cut)
            {
                // A cut sentence ends its part: nothing may follow the "…".
                parts.Add(cut);
            }
        }

        if (current.Length > 0 && parts.Count < maxPosts - 1)
        {
            parts.Add(current);
        }

        if (parts.Count == 0)
        {
            return (PostFitter.Fit(template, material, spec.Rule), []);
        }

        int total = parts.Count + 1;
        string firstNumber = Numbering(1, total);
        var firstPost = first with { PlainText = PostTemplate.ToPlainText(first.Pieces) + firstNumber, Suffix = firstNumber };
        var replies = new List<PostDraft>(parts.Count);
        for (int k = 0; k < parts.Count; k++)
        {
            string numbered = parts[k] + Numbering(k + 2, total);
            replies.Add(new PostDraft(spec.Channel, spec.Render([new PostPiece(TemplateField.Summary, numbered)]), spec.Rule.Measure(numbered), spec.Rule.Limit)
            {
                Language = article.Language,
                Title = article.Title,
            });
        }

        return (firstPost, replies);
    }

    private static readonly Func<List<PostPiece>, string> PlainRender = PlainRenderer.Render;

    private static string Numbering(int k, int total) => string.Create(CultureInfo.InvariantCulture, $"\n\n{k}/{total}");
}
