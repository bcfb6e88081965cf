using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Posts;

// The fitting order, from best to last resort: whole sentences with hashtags; the lead sentence with fewer
// hashtags; the lead cut at a word with "…" (not in a thread, whose replies carry the sentences whole); the
// headline alone, cut if need be; the link alone. The link is never cut or dropped.
internal static class PostFitter
{
    // Measuring the whole post for every candidate is what makes fitting slow (X's count alone is a full
    // parse), so candidates are first judged by adding up the cost of their pieces, and only the winner is
    // measured whole. Should the estimate be wrong (a template gluing pieces so that a URL or an emoji spans
    // two of them), the exact search runs instead.
    public static FittedPost Fit(PostTemplate template, PostMaterial material, ILengthRule rule, string suffix = "", bool allowCut = true)
    {
        var estimated = new CostFitter(template, material, rule, suffix).Fit(allowCut);
        return estimated is not null && rule.Fits(estimated.PlainText)
            ? estimated
            : Fit(template, material, rule.Fits, suffix, allowCut);
    }

    public static FittedPost Fit(PostTemplate template, PostMaterial material, Func<string, bool> fits, string suffix = "", bool allowCut = true)
    {
        var sentences = material.Sentences;
        var hashtags = material.Hashtags;

        for (int k = sentences.Count; k >= 1; k--)
        {
            var attempt = Try(template, material.Title, Join(sentences, k), material.UrlText, hashtags, fits, suffix);
            if (attempt is not null)
            {
                return attempt with { SentencesUsed = k };
            }
        }

        if (sentences.Count == 0)
        {
            var bare = Try(template, material.Title, string.Empty, material.UrlText, hashtags, fits, suffix);
            if (bare is not null)
            {
                return bare;
            }
        }

        for (int h = hashtags.Count - 1; h >= 0 && sentences.Count > 0; h--)
        {
            var fewer = Try(template, material.Title, sentences[0], material.UrlText, hashtags.Take(h).ToList(), fits, suffix);
            if (fewer is not null)
            {
                return fewer with { SentencesUsed = 1 };
            }
        }

        if (sentences.Count > 0 && allowCut)
        {
            string? cut = TextCutter.Cut(sentences[0], s => fits(Plain(template, material.Title, s, material.UrlText, [], suffix)));
            if (cut is not null)
            {
                return Try(template, material.Title, cut, material.UrlText, [], fits, suffix)!;
            }
        }

        var titleOnly = Try(template, material.Title, string.Empty, material.UrlText, [], fits, suffix);
        if (titleOnly is not null)
        {
            return titleOnly;
        }

        string? shortTitle = TextCutter.Cut(material.Title, t => fits(Plain(template, t, string.Empty, material.UrlText, [], suffix)));
        if (shortTitle is not null)
        {
            return Try(template, shortTitle, string.Empty, material.UrlText, [], fits, suffix)!;
        }

        var linkOnly = template.Layout(string.Empty, string.Empty, material.UrlText, string.Empty);
        string plain = PostTemplate.ToPlainText(linkOnly) + suffix;
        return new FittedPost(linkOnly, plain, 0, fits(plain)) { Suffix = suffix };
    }

    private static FittedPost? Try(PostTemplate template, string title, string summary, string url, IReadOnlyList<string> hashtags, Func<string, bool> fits, string suffix)
    {
        var pieces = template.Layout(title, summary, url, string.Join(' ', hashtags));
        string plain = PostTemplate.ToPlainText(pieces) + suffix;
        return fits(plain) ? new FittedPost(pieces, plain, 0, true) { Suffix = suffix } : null;
    }

    private static string Plain(PostTemplate template, string title, string summary, string url, IReadOnlyList<string> hashtags, string suffix) =>
        PostTemplate.ToPlainText(template.Layout(title, summary, url, string.Join(' ', hashtags))) + suffix;

    public static string Join(IReadOnlyList<string> sentences, int count)
    {
        if (count == 1)
        {
            return sentences[0];
        }

        // Measured, then written once: joining an enumerable grows a buffer and copies it again into the result.
        int length = Math.Max(count - 1, 0);
        for (int i = 0; i < count; i++)
        {
            length += sentences[i]?.Length ?? 0;
        }

        return string.Create(length, (sentences, count), static (span, state) =>
        {
            for (int i = 0; i < state.count; i++)
            {
                if (i > 0)
                {
                    span[0] = ' ';
                    span = span[1..];
                }

                // A null sentence joins as empty, as string.Join has it.
                var sentence = state.sentences[i].AsSpan();
                sentence.CopyTo(span);
                span = span[sentence.Length..];
            }
        });
    }
}
