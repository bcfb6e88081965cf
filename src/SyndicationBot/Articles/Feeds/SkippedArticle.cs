namespace SyndicationBot.Articles.Feeds;

/// <summary>An article read from a feed but deliberately not posted (first sight of the feed, or too old), with why.</summary>
internal sealed record SkippedArticle(Article Article, string Reason);
