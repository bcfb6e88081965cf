using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Posts;

// PostFitter's stages, judged by additive cost estimates: each distinct piece is measured once.
internal sealed class CostFitter(PostTemplate template, PostMaterial material, ILengthRule rule, string suffix)
{
    private readonly Dictionary<string, TextCost> costs = new(StringComparer.Ordinal);

    public FittedPost? Fit(bool allowCut)
    {
        var sentences = material.Sentences;
        var hashtags = material.Hashtags;
        var sentenceCosts = new TextCost[sentences.Count];
        var summaryCosts = new TextCost[sentences.Count + 1];
        var space = CostOf(" ");
        string allTags = string.Join(' ', hashtags);

        // Costs only grow as sentences are added and the layout stays the same once the lead is there: when the lead
        // alone does not fit, no longer summary does, and the other sentences need not be measured at all.
        int measured = sentences.Count;
        if (sentences.Count > 0 && sentences[0].Length > 0)
        {
            sentenceCosts[0] = rule.Cost(sentences[0]);
            summaryCosts[1] = sentenceCosts[0];
            if (!rule.Within(LayoutCost(material.Title, Present, summaryCosts[1], allTags)))
            {
                measured = 0;
            }
        }

        for (int i = 0; i < measured; i++)
        {
            // Measured directly: each sentence is costed once here, so remembering it would only hash it.
            if (i > 0 || sentences[0].Length == 0)
            {
                sentenceCosts[i] = sentences[i].Length == 0 ? default : rule.Cost(sentences[i]);
            }

            summaryCosts[i + 1] = i == 0 ? sentenceCosts[0] : summaryCosts[i].Plus(space).Plus(sentenceCosts[i]);
        }

        for (int k = measured; k >= 1; k--)
        {
            // Judged on costs alone: only the winner's summary is joined and laid out.
            bool emptySummary = k == 1 && sentences[0].Length == 0;
            if (rule.Within(LayoutCost(material.Title, emptySummary ? string.Empty : Present, summaryCosts[k], allTags)))
            {
                return Build(material.Title, PostFitter.Join(sentences, k), allTags) with { SentencesUsed = k };
            }
        }

        if (sentences.Count == 0 && TryFit(material.Title, string.Empty, default, allTags) is { } bare)
        {
            return bare;
        }

        for (int h = hashtags.Count - 1; h >= 0 && sentences.Count > 0; h--)
        {
            if (TryFit(material.Title, sentences[0], sentenceCosts[0], string.Join(' ', hashtags.Take(h))) is { } fewer)
            {
                return fewer with { SentencesUsed = 1 };
            }
        }

        if (allowCut && sentences.Count > 0)
        {
            var frame = FrameCost(material.Title, "x", TemplateField.Summary);
            var prefixCosts = rule.PrefixCosts(sentences[0]);
            if (prefixCosts is null)
            {
                return null;
            }

            string? cut = TextCutter.Cut(sentences[0], prefixCosts, CostOf(TextCutter.Ellipsis), c => rule.Within(frame.Plus(c)));
            if (cut is not null)
            {
                return Build(material.Title, cut, string.Empty);
            }
        }

        if (TryFit(material.Title, string.Empty, default, string.Empty) is { } titleOnly)
        {
            return titleOnly;
        }

        var titleCosts = rule.PrefixCosts(material.Title);
        if (titleCosts is null)
        {
            return null;
        }

        var titleFrame = FrameCost("x", string.Empty, TemplateField.Title);
        string? shortTitle = TextCutter.Cut(material.Title, titleCosts, CostOf(TextCutter.Ellipsis), c => rule.Within(titleFrame.Plus(c)));
        return shortTitle is null ? null : Build(shortTitle, string.Empty, string.Empty);
    }

    private FittedPost? TryFit(string title, string summary, TextCost summaryCost, string hashtags) =>
        rule.Within(LayoutCost(title, summary, summaryCost, hashtags)) ? Build(title, summary, hashtags) : null;

    // The cost of the post Layout would make: its glue depends only on which values are present, so the layout of
    // stand-ins is reused for every candidate with the same values present.
    private TextCost LayoutCost(string title, string summary, TextCost summaryCost, string hashtags)
    {
        int shape = (title.Length > 0 ? 1 : 0) | (summary.Length > 0 ? 2 : 0) | (hashtags.Length > 0 ? 4 : 0);
        var pieces = shapes[shape] ??= template.Layout(
            title.Length > 0 ? Present : string.Empty, summary.Length > 0 ? Present : string.Empty, material.UrlText, hashtags.Length > 0 ? Present : string.Empty);
        var total = CostOf(suffix);
        foreach (var piece in pieces)
        {
            total = total.Plus(piece.Field switch
            {
                TemplateField.Literal => CostOf(piece.Text),
                TemplateField.Title => CostOf(title),
                TemplateField.Summary => summaryCost,
                TemplateField.Url => CostOf(material.UrlText),
                _ => CostOf(hashtags),
            });
        }

        return total;
    }

    // A non-empty stand-in for a value in a layout whose pieces are only costed.
    private const string Present = "x";

    private readonly List<PostPiece>?[] shapes = new List<PostPiece>?[8];

    // The cost of everything but the piece being cut: a one-letter stand-in keeps the layout's glue in place.
    private TextCost FrameCost(string title, string summary, TemplateField cutField)
    {
        var total = CostOf(suffix);
        foreach (var piece in template.Layout(title, summary, material.UrlText, string.Empty))
        {
            if (piece.Field != cutField)
            {
                total = total.Plus(CostOf(piece.Text));
            }
        }

        return total;
    }

    private FittedPost Build(string title, string summary, string hashtags) => Build(template.Layout(title, summary, material.UrlText, hashtags));

    private FittedPost Build(List<PostPiece> pieces) =>
        new(pieces, PostTemplate.ToPlainText(pieces) + suffix, 0, true) { Suffix = suffix };

    private TextCost CostOf(string text)
    {
        if (text.Length == 0)
        {
            return default;
        }

        // The same few strings (title, link, hashtags, glue) come back for every candidate: find them by reference
        // before hashing their text.
        foreach (var (known, knownCost) in recent)
        {
            if (ReferenceEquals(known, text))
            {
                return knownCost;
            }
        }

        if (!costs.TryGetValue(text, out var cost))
        {
            cost = rule.Cost(text);
            costs[text] = cost;
        }

        if (recent.Count < 16)
        {
            recent.Add((text, cost));
        }

        return cost;
    }

    private readonly List<(string Text, TextCost Cost)> recent = [];
}
