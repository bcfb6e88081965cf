namespace SyndicationBot.Articles.Feeds;

/// <summary>One item of a parsed feed: its content, or why it cannot become an article.</summary>
internal sealed record FeedEntry(int Index, PageContent? Page, string? Rejection);
