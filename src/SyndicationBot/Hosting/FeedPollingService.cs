using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Feeds;

namespace SyndicationBot.Hosting;

/// <summary>
/// Polls each enabled feed of <c>Sources:Feeds</c> at its own interval (conditional GET; a failing feed is backed
/// off exponentially by <see cref="FeedFetcher"/> and reported, never hammered) and hands each poll to the ingestor.
/// </summary>
internal sealed partial class FeedPollingService(
    IServiceProvider services,
    ArticleIngestor ingestor,
    IOptions<SourcesOptions> sources,
    TimeProvider timeProvider,
    ILogger<FeedPollingService> logger) : BackgroundService
{
    private readonly Dictionary<string, FeedState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextPoll = new(StringComparer.Ordinal);

    /// <summary>Polls every feed that is due at the current time. Returns the earliest next poll, or null when no feed is enabled.</summary>
    public async Task<DateTimeOffset?> PollDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? earliest = null;
        foreach (var feed in sources.Value.Feeds.Where(f => f.Enabled))
        {
            var key = feed.Url;
            var now = timeProvider.GetUtcNow();
            if (!_nextPoll.TryGetValue(key, out var due) || due <= now)
            {
                due = await PollAsync(feed, cancellationToken);
                _nextPoll[key] = due;
            }

            earliest = earliest is { } e && e < due ? e : due;
        }

        return earliest;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sources.Value.Feeds.Any(f => f.Enabled))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next;
            try
            {
                next = await PollDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.PollFailed(logger, exception);
                next = timeProvider.GetUtcNow() + TimeSpan.FromMinutes(1);
            }

            var delay = (next ?? timeProvider.GetUtcNow().AddMinutes(15)) - timeProvider.GetUtcNow();
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

    private async Task<DateTimeOffset> PollAsync(FeedSourceOptions feed, CancellationToken cancellationToken)
    {
        var state = _states.TryGetValue(feed.Url, out var known) ? known : FeedState.New;

        // Transient typed client: a fresh handler from the factory for each poll.
        var fetcher = services.GetRequiredService<FeedFetcher>();
        var result = await fetcher.FetchAsync(feed, state, cancellationToken);
        if (result.Status == FeedFetchStatus.Fetched)
        {
            await ingestor.IngestFeedAsync(feed, result, cancellationToken);
        }

        // Kept only once the items are in the ledger: a poll whose ingest failed (disk full) must not leave an ETag
        // behind that would answer the next poll with 304 and lose the items.
        _states[feed.Url] = result.State;

        var now = timeProvider.GetUtcNow();
        return result.State.NextAttemptAt is { } retry && retry > now ? retry : now + feed.PollInterval;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Polling the feeds failed; trying again in a minute")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
