namespace SyndicationBot.Posts;

/// <summary>A candidate's verdict: the fitted post, none (try the next candidate), or undecided (the judge cannot tell).</summary>
internal readonly record struct FitVerdict(FittedPost? Post, bool Undecided)
{
    /// <summary>The judge cannot tell: the whole estimate is abandoned for the exact search.</summary>
    public static FitVerdict Unknown { get; } = new(null, true);

    public static implicit operator FitVerdict(FittedPost? post) => new(post, false);

    public static FitVerdict FromFittedPost(FittedPost? post) => post;
}
