namespace SyndicationBot.Posts;

/// <summary>
/// The candidates of <see cref="FittingOrder"/>, each judged one way: measured exactly (<see cref="PostFitter"/>) or
/// by adding up the costs of the pieces (<see cref="CostFitter"/>). A candidate that does not fit is null.
/// </summary>
internal interface IFittingStages
{
    /// <summary>The most sentences worth trying (fewer than all when the judge already knows more cannot fit).</summary>
    int SentencesWorthTrying { get; }

    /// <summary>The first <paramref name="count"/> sentences with every hashtag.</summary>
    FittedPost? Sentences(int count);

    /// <summary>No summary at all (the article had no sentence), with every hashtag.</summary>
    FittedPost? NoSummary();

    /// <summary>The lead sentence with the first <paramref name="count"/> hashtags.</summary>
    FittedPost? LeadWithHashtags(int count);

    /// <summary>The lead cut at a word, with "…", no hashtags.</summary>
    FitVerdict CutLead();

    /// <summary>The headline and the link.</summary>
    FittedPost? TitleOnly();

    /// <summary>The headline cut at a word, and the link.</summary>
    FitVerdict CutTitle();

    /// <summary>The link alone, the last resort; null when the judge cannot settle for it.</summary>
    FittedPost? LinkOnly();
}
