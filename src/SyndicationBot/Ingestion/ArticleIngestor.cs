using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Feeds;
using SyndicationBot.Channels;
using SyndicationBot.Ingestion.Routing;
using SyndicationBot.Posts;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Summaries;

namespace SyndicationBot.Ingestion;

/// <summary>
/// The path from an input's bytes to queued posts: read → dedupe → summarise → compose one post per enabled
/// channel → schedule → enqueue atomically → wake the dispatcher. One bad article never stops the others, and
/// each input's fate is remembered (by the hash of its bytes) so a restart neither re-reads nor retries it forever.
/// </summary>
internal sealed partial class ArticleIngestor(
    IArticleLoader loader,
    ISummarizer summarizer,
    IEnumerable<IPostComposer> composers,
    IEnumerable<IChannel> channels,
    ChannelAccounts accounts,
    ArticleRouter router,
    IPostScheduler scheduler,
    IPostQueue queue,
    DispatchSignal signal,
    IOptions<SourcesOptions> sources,
    IOptions<UpdatePostsOptions> updates,
    TimeProvider timeProvider,
    ILogger<ArticleIngestor> logger) : IDisposable
{
    private readonly Dictionary<string, IPostComposer> _composers = composers.ToDictionary(c => c.Channel, StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Reads and ingests one file: a regular file only (a pipe or device is never opened), its size limit counted
    /// while reading (a reported size can lie). A file that cannot be read now is logged and reported, not remembered.
    /// </summary>
    public async Task<IReadOnlyList<IngestRecord>> IngestFileAsync(string path, CancellationToken cancellationToken)
    {
        var limit = sources.Value.MaxFileBytes;
        var (bytes, failure, oversized) = await SafeFileReader.ReadAsync(path, limit, cancellationToken);
        if (oversized)
        {
            var info = new FileInfo(path);
            var fingerprint = $"size:{info.FullName}:{info.Length}:{info.LastWriteTimeUtc.Ticks}";
            return [await RememberRejectionAsync(fingerprint, path, $"{path}: the file {failure}", cancellationToken)];
        }

        if (bytes is null)
        {
            // Not remembered: the same path is looked at again when it changes. Returned, so `ingest` reports it.
            Log.Unreadable(logger, path, failure ?? "unknown");
            return [new IngestRecord($"unread:{path}", path, IngestOutcome.Rejected, $"{path}: {failure}", timeProvider.GetUtcNow())];
        }

        return await IngestAsync(path, bytes, [], cancellationToken);
    }

    /// <summary>Ingests one input's bytes; <paramref name="extraTags"/> are the source's configured tags.</summary>
    public async Task<IReadOnlyList<IngestRecord>> IngestAsync(string source, ReadOnlyMemory<byte> content, IReadOnlyList<string> extraTags, CancellationToken cancellationToken)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await queue.InitializeAsync(cancellationToken);
            if (await queue.GetIngestAsync(fingerprint, cancellationToken) is { } known)
            {
                Log.AlreadySeen(logger, source, known.Outcome);
                return [new IngestRecord(fingerprint, source, IngestOutcome.AlreadyHandled, known.Detail, timeProvider.GetUtcNow()) { Earlier = known }];
            }

            IReadOnlyList<ArticleReadResult> results;
            try
            {
                results = loader.Load(source, content.Span);
            }
            catch (Exception exception)
            {
                // The loader never throws for bad input; this is a bug, and it must not stop the other inputs.
                Log.LoaderCrashed(logger, exception, source);
                results = [new ArticleReadResult.Rejected(source, $"{source}: could not be read ({exception.GetType().Name}: {exception.Message})")];
            }

            var records = new List<IngestRecord>(results.Count);
            for (var i = 0; i < results.Count; i++)
            {
                var itemFingerprint = results.Count == 1 ? fingerprint : $"{fingerprint}#{i}";
                records.Add(await IngestResultAsync(itemFingerprint, results[i], extraTags, singleArticle: results.Count == 1, feed: null, cancellationToken));
            }

            if (results.Count > 1)
            {
                // A multi-item input (a feed file) is remembered whole once each item is.
                await queue.RecordIngestAsync(new IngestRecord(fingerprint, source, IngestOutcome.Read, $"{results.Count} items", timeProvider.GetUtcNow()), cancellationToken);
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Ingests one poll of a feed: its new articles are queued (with the feed's tags); the items it skipped on
    /// purpose (first sight of the feed, too old) are remembered as seen, so a later poll never posts the archive;
    /// its rejected items are logged once.
    /// </summary>
    public async Task<IReadOnlyList<IngestRecord>> IngestFeedAsync(FeedSourceOptions feed, FeedFetchResult result, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await queue.InitializeAsync(cancellationToken);
            var records = new List<IngestRecord>();
            foreach (var article in result.Articles)
            {
                var fingerprint = FeedItemFingerprint(feed, article);
                if (await queue.GetIngestAsync(fingerprint, cancellationToken) is not null)
                {
                    continue;
                }

                records.Add(await IngestResultAsync(fingerprint, new ArticleReadResult.Accepted(article), [.. feed.Tags], singleArticle: false, feed.Name, cancellationToken));
            }

            foreach (var skipped in result.Skipped)
            {
                var fingerprint = FeedItemFingerprint(feed, skipped.Article);
                if (await queue.GetIngestAsync(fingerprint, cancellationToken) is not null)
                {
                    continue;
                }

                var now = timeProvider.GetUtcNow();
                if (!await queue.ContainsArticleAsync(skipped.Article, cancellationToken))
                {
                    // An article row without posts: seen, so the same story is never queued later.
                    await queue.EnqueueAsync(skipped.Article, [], now, cancellationToken);
                }

                Log.TooOld(logger, skipped.Article.Source, skipped.Article.Title, skipped.Reason);
                var record = new IngestRecord(fingerprint, skipped.Article.Source, IngestOutcome.Skipped, skipped.Reason, now);
                await queue.RecordIngestAsync(record, cancellationToken);
                records.Add(record);
            }

            foreach (var rejected in result.Rejected)
            {
                var fingerprint = "feed-rejected:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(feed.Url + "\n" + rejected.Reason)));
                if (await queue.GetIngestAsync(fingerprint, cancellationToken) is null)
                {
                    records.Add(await RememberRejectionAsync(fingerprint, rejected.Source, rejected.Reason, cancellationToken));
                }
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The item's content is part of its fingerprint: an item changed at the source is looked at again (and
    // recognised as a change of the same article by its GUID or link), an unchanged one is not.
    private static string FeedItemFingerprint(FeedSourceOptions feed, Article article) =>
        "feed:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(feed.Url + "\n" + (article.FeedGuid ?? article.Key) + "\n" + article.ContentHash)));

    private async Task<IngestRecord> IngestResultAsync(string fingerprint, ArticleReadResult result, IReadOnlyList<string> extraTags, bool singleArticle, string? feed, CancellationToken cancellationToken)
    {
        if (result is ArticleReadResult.Rejected rejected)
        {
            return await RememberRejectionAsync(fingerprint, rejected.Source, rejected.Reason, cancellationToken);
        }

        var article = ((ArticleReadResult.Accepted)result).Article;
        if (extraTags.Count > 0)
        {
            article = article with { Tags = [.. article.Tags.Union(extraTags, StringComparer.OrdinalIgnoreCase)] };
        }

        var now = timeProvider.GetUtcNow();
        IngestOutcome outcome;
        string? detail = null;
        if (ArticleAge.SkipReason(article, sources.Value.MaxArticleAge, now) is { } tooOld)
        {
            outcome = IngestOutcome.Skipped;
            detail = tooOld;
            Log.TooOld(logger, article.Source, article.Title, detail);
        }
        else
        {
            var identity = ArticleIdentity.Identity(article, bySource: singleArticle);
            var match = await queue.MatchArticleAsync(article, identity, cancellationToken);
            try
            {
                switch (match)
                {
                    case ArticleMatch.Duplicate duplicate:
                        outcome = IngestOutcome.Duplicate;
                        detail = duplicate.Reason;
                        Log.Duplicate(logger, article.Source, article.Title);
                        break;
                    case ArticleMatch.Changed changed when identity is not null:
                        (outcome, detail) = await IngestChangeAsync(article, identity, changed, now, cancellationToken);
                        break;
                    default:
                        var route = router.Route(article, feed, [.. channels.Where(c => c.Enabled).Select(c => c.Name)]);
                        if (route.SkipReason is { } notRouted)
                        {
                            // Never dropped silently: the input is remembered as skipped, with the reason, for `inputs` and status.
                            outcome = IngestOutcome.Skipped;
                            detail = notRouted;
                            Log.NotRouted(logger, article.Source, article.Title, notRouted);
                            break;
                        }

                        var added = await EnqueueAsync(article, identity, route, now, cancellationToken);
                        outcome = IngestOutcome.Queued;
                        detail = $"{added} posts";
                        break;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !StorageFailure.IsTransient(exception))
            {
                // A storage outage (disk full, ledger locked) propagates instead: the input stays unremembered and
                // the next scan or poll reads it again, where a "rejected" record would drop it for good.
                Log.ComposeFailed(logger, exception, article.Source, article.Title);
                outcome = IngestOutcome.Rejected;
                detail = $"{article.Source}: composing the posts failed ({exception.GetType().Name}: {exception.Message})";
            }
        }

        var record = new IngestRecord(fingerprint, article.Source, outcome, detail, now);
        await queue.RecordIngestAsync(record, cancellationToken);
        return record;
    }

    /// <summary>
    /// An article already in the ledger changed at the source: <see cref="UpdatePostRules"/> decides what happens to
    /// each channel's post; here the new texts are composed and recorded in one transaction.
    /// </summary>
    private async Task<(IngestOutcome Outcome, string Detail)> IngestChangeAsync(Article article, string identity, ArticleMatch.Changed changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = updates.Value;
        var plan = UpdatePostRules.Plan(options, changed, channels.Where(c => c.Enabled).Select(c => c.Name), now);
        if (plan.IsEmpty)
        {
            var reason = $"changed at the source, not posted again: {plan.WhyNoUpdate ?? "none of its posts can take the new text"}";
            Log.ChangedNotPosted(logger, article.Source, article.Title, reason);
            return (IngestOutcome.Duplicate, reason);
        }

        var summary = summarizer.Summarize(article);
        var update = article with { Title = options.PrefixFor(article.Language) + article.Title };
        var refreshed = new List<PostRefresh>(plan.Refresh.Count);
        foreach (var latest in plan.Refresh)
        {
            // An update post that has not gone out yet keeps its prefix.
            var source = ArticleIdentity.IsRevisionKey(latest.ArticleKey) ? update : article;
            refreshed.Add(new PostRefresh(latest.Id, Compose(latest.Channel, source, summary)));
        }

        var updatePosts = new List<NewPost>(plan.UpdateChannels.Count);
        foreach (var channel in plan.UpdateChannels)
        {
            var due = await scheduler.AssignDueAsync(channel, urgent: false, now, cancellationToken);
            updatePosts.Add(new NewPost(Compose(channel, update, summary), due));
        }

        var outcome = await queue.EnqueueRevisionAsync(article, identity, refreshed, updatePosts, now, cancellationToken);
        Log.Updated(logger, article.Source, article.Title, outcome.Refreshed, outcome.Added);
        if (outcome.Added > 0)
        {
            signal.Notify();
        }

        var detail = $"changed at the source: {outcome.Refreshed} unsent posts take the new text, {outcome.Added} update posts queued";
        return (IngestOutcome.Updated, plan.WhyNoUpdate is null || outcome.Added > 0 ? detail : $"{detail} ({plan.WhyNoUpdate})");
    }

    // A channel posts with its network's composer; the draft carries the channel id, which the ledger keys on.
    private PostDraft Compose(string channel, Article article, Summary summary) =>
        _composers.TryGetValue(accounts.NetworkOf(channel)?.Name ?? channel, out var composer)
            ? composer.Compose(article, summary) with { Channel = channel }
            : throw new InvalidOperationException($"No composer is registered for the enabled channel '{channel}'.");

    private async Task<int> EnqueueAsync(Article article, string? identity, RouteDecision route, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var summary = summarizer.Summarize(article);
        var posts = new List<NewPost>();
        foreach (var channel in route.Channels)
        {
            var draft = Compose(channel.Channel, article, summary);
            var due = await scheduler.AssignDueAsync(channel.Channel, urgent: false, now, cancellationToken);
            posts.Add(new NewPost(draft, due));
        }

        var added = await queue.EnqueueAsync(article, identity, posts, now, cancellationToken);
        Log.Queued(logger, article.Source, article.Title, added);
        if (added > 0)
        {
            signal.Notify();
        }

        return added;
    }

    private async Task<IngestRecord> RememberRejectionAsync(string fingerprint, string source, string reason, CancellationToken cancellationToken)
    {
        Log.Rejected(logger, source, reason);
        var record = new IngestRecord(fingerprint, source, IngestOutcome.Rejected, reason, timeProvider.GetUtcNow());
        await queue.RecordIngestAsync(record, cancellationToken);
        return record;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} posts for \"{Title}\" from {Source}")]
        public static partial void Queued(ILogger logger, string source, string title, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Source}: {Reason}")]
        public static partial void Rejected(ILogger logger, string source, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Not queued again: \"{Title}\" from {Source} is already in the ledger")]
        public static partial void Duplicate(ILogger logger, string source, string title);

        [LoggerMessage(Level = LogLevel.Information, Message = "Skipped \"{Title}\" from {Source}: {Reason}")]
        public static partial void TooOld(ILogger logger, string source, string title, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "\"{Title}\" from {Source} changed at the source: {Refreshed} unsent posts take the new text, {Added} update posts queued")]
        public static partial void Updated(ILogger logger, string source, string title, int refreshed, int added);

        [LoggerMessage(Level = LogLevel.Information, Message = "\"{Title}\" from {Source} {Reason}")]
        public static partial void ChangedNotPosted(ILogger logger, string source, string title, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Skipped \"{Title}\" from {Source}: {Reason}")]
        public static partial void NotRouted(ILogger logger, string source, string title, string reason);

        [LoggerMessage(Level = LogLevel.Debug, Message = "{Source} was already handled ({Outcome})")]
        public static partial void AlreadySeen(ILogger logger, string source, IngestOutcome outcome);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Source} yet: {Reason}")]
        public static partial void Unreadable(ILogger logger, string source, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Reading {Source} failed unexpectedly")]
        public static partial void LoaderCrashed(ILogger logger, Exception exception, string source);

        [LoggerMessage(Level = LogLevel.Error, Message = "Composing posts for \"{Title}\" from {Source} failed")]
        public static partial void ComposeFailed(ILogger logger, Exception exception, string source, string title);
    }
}
