using SyndicationBot.Articles;

namespace SyndicationBot.Queue;

/// <summary>
/// What is new, a duplicate or a changed article, once for every adapter. In this order: a known identity with this
/// very content is a duplicate; a known identity whose new text is another story's copy (same content or headline
/// and lead under another identity) is a duplicate too; any other known identity is a change (its lead changed when
/// the near key did); without a known identity, the same key, content or near key anywhere is a duplicate, and
/// anything else is new. Lookups are asked lazily, in that order, so the common case costs one or two index probes.
/// </summary>
internal static class ArticleMatcher
{
    /// <summary>The reason given when this very version is already recorded.</summary>
    public const string SameVersion = "this version of the article is already in the ledger";

    /// <summary>The reason given when a known article's new text is another story's.</summary>
    public const string SameStoryElsewhere = "the same story (content or headline and lead) is already in the ledger under another link";

    /// <summary>The reason given for an article matched by URL, content or headline and lead.</summary>
    public const string SameStory = "the same story (URL, content or headline and lead) is already in the ledger";

    /// <summary>Matches <paramref name="article"/> (under <paramref name="identity"/>, when it has one) against what <paramref name="lookups"/> find.</summary>
    public static async Task<ArticleMatch> MatchAsync(Article article, string? identity, IArticleLookups lookups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(lookups);
        var nearKey = ArticleIdentity.NearKey(article);
        if (identity is not null && await lookups.LatestVersionAsync(identity, article.ContentHash, cancellationToken) is { } known)
        {
            if (known.HasContent)
            {
                return new ArticleMatch.Duplicate(SameVersion);
            }

            // The new text may still be another story's copy (a page replaced by a syndicated article).
            if (await lookups.SameStoryElsewhereAsync(identity, article.ContentHash, nearKey, cancellationToken))
            {
                return new ArticleMatch.Duplicate(SameStoryElsewhere);
            }

            var posts = await lookups.LatestPostsAsync(identity, cancellationToken);
            return new ArticleMatch.Changed(!string.Equals(known.NearKey, nearKey, StringComparison.Ordinal), known.UpdateRevisions, known.LastUpdateAt, posts);
        }

        return await lookups.AnyAsync(article.Key, article.ContentHash, nearKey, cancellationToken)
            ? new ArticleMatch.Duplicate(SameStory)
            : new ArticleMatch.Unknown();
    }
}
