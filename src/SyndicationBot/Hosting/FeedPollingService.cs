using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Feeds;
using SyndicationBot.Ingestion;
using SyndicationBot.Publishing;

namespace SyndicationBot.Hosting;

/// <summary>
/// Polls each enabled feed of <c>Sources:Feeds</c> at its own interval (conditional GET; a failing feed is backed
/// off exponentially by <see cref="FeedFetcher"/> and reported, never hammered) and hands each poll to the ingestor.
/// Each feed has its own loop, and at most <see cref="MaxConcurrentPolls"/> fetches run at once, so a slow or
/// stalled feed (bounded by <c>Sources:FetchTimeout</c>) never delays the others.
/// </summary>
internal sealed partial class FeedPollingService(
    FeedFetcher fetcher,
    ArticleIngestor ingestor,
    IOptions<SourcesOptions> sources,
    TimeProvider timeProvider,
    ILogger<FeedPollingService> logger,
    SyndicationMetrics? metrics = null) : BackgroundService
{
    /// <summary>Fetches in flight at once: enough that a few stalled feeds leave room, few enough for a small machine.</summary>
    public const int MaxConcurrentPolls = 4;

    private readonly ConcurrentDictionary<string, FeedState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextPoll = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(MaxConcurrentPolls, MaxConcurrentPolls);

    /// <summary>
    /// Polls every feed that is due at the current time, concurrently (within the bound). Returns the earliest
    /// next poll, or null when no feed is enabled.
    /// </summary>
    public async Task<DateTimeOffset?> PollDueAsync(CancellationToken cancellationToken)
    {
        var feeds = sources.Value.Feeds.Where(f => f.Enabled).ToList();
        if (feeds.Count == 0)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var dues = await Task.WhenAll(feeds.Select(feed =>
            !_nextPoll.TryGetValue(feed.Url, out var due) || due <= now ? PollFeedAsync(feed, cancellationToken) : Task.FromResult(due)));
        return dues.Min();
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feeds = sources.Value.Feeds.Where(f => f.Enabled).ToList();
        await Task.WhenAll(feeds.Select(feed => RunFeedAsync(feed, stoppingToken)));
    }

    private async Task RunFeedAsync(FeedSourceOptions feed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            if (!_nextPoll.TryGetValue(feed.Url, out var next) || next <= now)
            {
                next = await PollFeedAsync(feed, stoppingToken);
            }

            var delay = next - timeProvider.GetUtcNow();
            try
            {
                await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    // One poll of one feed, within a slot; the time of its next poll. A failure is logged and retried in a minute.
    private async Task<DateTimeOffset> PollFeedAsync(FeedSourceOptions feed, CancellationToken cancellationToken)
    {
        DateTimeOffset next;
        try
        {
            await _slots.WaitAsync(cancellationToken);
            try
            {
                next = await PollAsync(feed, cancellationToken);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PollFailed(logger, exception, feed.Name);
            next = timeProvider.GetUtcNow() + TimeSpan.FromMinutes(1);
        }

        _nextPoll[feed.Url] = next;
        return next;
    }

    private async Task<DateTimeOffset> PollAsync(FeedSourceOptions feed, CancellationToken cancellationToken)
    {
        var state = _states.TryGetValue(feed.Url, out var known) ? known : FeedState.New;
        var result = await fetcher.FetchAsync(feed, state, cancellationToken);
        metrics?.RecordFeedFetch(feed.Name, result.Status.ToString());
        if (result.Status == FeedFetchStatus.Fetched)
        {
            metrics?.RecordIngest(feed.Name, await ingestor.IngestFeedAsync(feed, result, cancellationToken));
        }

        // Kept only once the items are in the ledger: a poll whose ingest failed (disk full) must not leave an ETag
        // behind that would answer the next poll with 304 and lose the items.
        _states[feed.Url] = result.State;

        var now = timeProvider.GetUtcNow();
        return result.State.NextAttemptAt is { } retry && retry > now ? retry : now + feed.PollInterval;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Polling feed {Feed} failed; trying again in a minute")]
        public static partial void PollFailed(ILogger logger, Exception exception, string feed);
    }
}
