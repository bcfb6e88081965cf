using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Posts;

// Fits a post in FittingOrder, judging candidates by cost estimates first and exactly when those cannot tell.
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

    public static FittedPost Fit(PostTemplate template, PostMaterial material, Func<string, bool> fits, string suffix = "", bool allowCut = true) =>
        FittingOrder.Fit(new ExactStages(template, material, fits, suffix), material, allowCut)!;

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

    // Every candidate laid out and measured whole.
    private sealed class ExactStages(PostTemplate template, PostMaterial material, Func<string, bool> fits, string suffix) : IFittingStages
    {
        public int SentencesWorthTrying => material.Sentences.Count;

        public FittedPost? Sentences(int count) => Try(material.Title, Join(material.Sentences, count), material.Hashtags);

        public FittedPost? NoSummary() => Try(material.Title, string.Empty, material.Hashtags);

        public FittedPost? LeadWithHashtags(int count) => Try(material.Title, material.Sentences[0], material.Hashtags.Take(count).ToList());

        public FitVerdict CutLead()
        {
            string? cut = TextCutter.Cut(material.Sentences[0], s => fits(Plain(material.Title, s)));
            return cut is null ? null : Try(material.Title, cut, [])!;
        }

        public FittedPost? TitleOnly() => Try(material.Title, string.Empty, []);

        public FitVerdict CutTitle()
        {
            string? shortTitle = TextCutter.Cut(material.Title, t => fits(Plain(t, string.Empty)));
            return shortTitle is null ? null : Try(shortTitle, string.Empty, [])!;
        }

        public FittedPost LinkOnly()
        {
            var linkOnly = template.Layout(string.Empty, string.Empty, material.UrlText, string.Empty);
            string plain = PostTemplate.ToPlainText(linkOnly) + suffix;
            return new FittedPost(linkOnly, plain, 0, fits(plain)) { Suffix = suffix };
        }

        private FittedPost? Try(string title, string summary, IReadOnlyList<string> hashtags)
        {
            var pieces = template.Layout(title, summary, material.UrlText, string.Join(' ', hashtags));
            string plain = PostTemplate.ToPlainText(pieces) + suffix;
            return fits(plain) ? new FittedPost(pieces, plain, 0, true) { Suffix = suffix } : null;
        }

        private string Plain(string title, string summary) =>
            PostTemplate.ToPlainText(template.Layout(title, summary, material.UrlText, string.Empty)) + suffix;
    }
}
