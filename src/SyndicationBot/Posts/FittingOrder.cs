namespace SyndicationBot.Posts;

// The fitting order, from best to last resort: whole sentences with hashtags; the lead sentence with fewer
// hashtags; the lead cut at a word with "…" (not in a thread, whose replies carry the sentences whole); the
// headline alone, cut if need be; the link alone. The link is never cut or dropped. Written once here, whichever
// way the candidates are judged.
internal static class FittingOrder
{
    /// <summary>The first candidate that fits; null when the judge could not tell before one did.</summary>
    public static FittedPost? Fit(IFittingStages stages, PostMaterial material, bool allowCut)
    {
        int sentences = material.Sentences.Count;
        for (int k = stages.SentencesWorthTrying; k >= 1; k--)
        {
            if (stages.Sentences(k) is { } whole)
            {
                return whole with { SentencesUsed = k };
            }
        }

        if (sentences == 0 && stages.NoSummary() is { } bare)
        {
            return bare;
        }

        for (int h = material.Hashtags.Count - 1; h >= 0 && sentences > 0; h--)
        {
            if (stages.LeadWithHashtags(h) is { } fewer)
            {
                return fewer with { SentencesUsed = 1 };
            }
        }

        if (allowCut && sentences > 0)
        {
            var cut = stages.CutLead();
            if (cut.Undecided || cut.Post is not null)
            {
                return cut.Post;
            }
        }

        if (stages.TitleOnly() is { } titleOnly)
        {
            return titleOnly;
        }

        var shortTitle = stages.CutTitle();
        return shortTitle.Undecided || shortTitle.Post is not null ? shortTitle.Post : stages.LinkOnly();
    }
}
