namespace SyndicationBot.Queue;

/// <summary>
/// The facts about stored articles that <see cref="ArticleMatcher"/> decides on; each adapter answers them from its
/// own tables and indexes, and never decides itself what is new, a duplicate or a change.
/// </summary>
internal interface IArticleLookups
{
    /// <summary>The latest version recorded under <paramref name="identity"/> (a row whose identity or key is it), or null when none is.</summary>
    Task<KnownVersion?> LatestVersionAsync(string identity, string contentHash, CancellationToken cancellationToken);

    /// <summary>True when an article under another identity has this content hash or near key.</summary>
    Task<bool> SameStoryElsewhereAsync(string identity, string contentHash, string nearKey, CancellationToken cancellationToken);

    /// <summary>The newest post of each channel across every version of <paramref name="identity"/>, oldest first.</summary>
    Task<IReadOnlyList<QueuedPost>> LatestPostsAsync(string identity, CancellationToken cancellationToken);

    /// <summary>True when any article has this key, content hash or near key.</summary>
    Task<bool> AnyAsync(string key, string contentHash, string nearKey, CancellationToken cancellationToken);
}
