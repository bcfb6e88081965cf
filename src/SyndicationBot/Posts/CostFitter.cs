using SyndicationBot.Posts.Rules;

namespace SyndicationBot.Posts;

// FittingOrder's candidates judged by additive cost estimates: each distinct piece is measured once.
internal sealed class CostFitter(PostTemplate template, PostMaterial material, ILengthRule rule, string suffix) : IFittingStages
{
    private readonly Dictionary<string, TextCost> costs = new(StringComparer.Ordinal);
    private readonly string allTags = string.Join(' ', material.Hashtags);
    private TextCost[] sentenceCosts = [];
    private TextCost[] summaryCosts = [];

    public int SentencesWorthTrying { get; private set; }

    public FittedPost? Fit(bool allowCut)
    {
        MeasureSentences();
        return FittingOrder.Fit(this, material, allowCut);
    }

    public FittedPost? Sentences(int count)
    {
        // Judged on costs alone: only the winner's summary is joined and laid out.
        bool emptySummary = count == 1 && material.Sentences[0].Length == 0;
        return rule.Within(LayoutCost(material.Title, emptySummary ? string.Empty : Present, summaryCosts[count], allTags))
            ? Build(material.Title, PostFitter.Join(material.Sentences, count), allTags)
            : null;
    }

    public FittedPost? NoSummary() => TryFit(material.Title, string.Empty, default, allTags);

    public FittedPost? LeadWithHashtags(int count) =>
        TryFit(material.Title, material.Sentences[0], sentenceCosts[0], string.Join(' ', material.Hashtags.Take(count)));

    public FitVerdict CutLead()
    {
        var frame = FrameCost(material.Title, Present, TemplateField.Summary);
        var prefixCosts = rule.PrefixCosts(material.Sentences[0]);
        if (prefixCosts is null)
        {
            return FitVerdict.Unknown;
        }

        string? cut = TextCutter.Cut(material.Sentences[0], prefixCosts, CostOf(TextCutter.Ellipsis), c => rule.Within(frame.Plus(c)));
        return cut is null ? null : Build(material.Title, cut, string.Empty);
    }

    public FittedPost? TitleOnly() => TryFit(material.Title, string.Empty, default, string.Empty);

    public FitVerdict CutTitle()
    {
        var titleCosts = rule.PrefixCosts(material.Title);
        if (titleCosts is null)
        {
            return FitVerdict.Unknown;
        }

        var titleFrame = FrameCost(Present, string.Empty, TemplateField.Title);
        string? shortTitle = TextCutter.Cut(material.Title, titleCosts, CostOf(TextCutter.Ellipsis), c => rule.Within(titleFrame.Plus(c)));
        return shortTitle is null ? FitVerdict.Unknown : Build(shortTitle, string.Empty, string.Empty);
    }

    // Whether even the link fits is for the exact search to say.
    public FittedPost? LinkOnly() => null;

    private void MeasureSentences()
    {
        var sentences = material.Sentences;
        sentenceCosts = new TextCost[sentences.Count];
        summaryCosts = new TextCost[sentences.Count + 1];
        var space = CostOf(" ");

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

        SentencesWorthTrying = measured;
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
