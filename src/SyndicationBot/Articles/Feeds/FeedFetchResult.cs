namespace SyndicationBot.Articles.Feeds;

/// <summary>
/// The outcome of one poll: the articles to post, those skipped and rejected (with reasons), and the state
/// to remember for the next poll.
/// </summary>
internal sealed record FeedFetchResult(
    string FeedName,
    FeedFetchStatus Status,
    FeedState State,
    IReadOnlyList<Article> Articles,
    IReadOnlyList<SkippedArticle> Skipped,
    IReadOnlyList<ArticleReadResult.Rejected> Rejected,
    string? Error = null);
