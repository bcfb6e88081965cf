using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Egress;

namespace SyndicationBot.Articles.Feeds;

/// <summary>
/// One poll of one feed: conditional GET (ETag / Last-Modified, 304 honoured), exponential backoff for a
/// failing feed, the first-run and age rules, and, when the operator enabled it, the linked page fetched
/// for items that carry no usable text. The polling loop calls <see cref="FetchAsync"/> and keeps the state.
/// Every fetch has one deadline for headers and body together (<see cref="SourcesOptions.FetchTimeout"/>) and a
/// byte limit counted while reading; every connection is held to the <see cref="EgressPolicy"/>, except a feed's
/// own URL when the operator trusts it (<see cref="FeedSourceOptions.AllowPrivateAddresses"/>).
/// </summary>
internal sealed partial class FeedFetcher(
    IHttpClientFactory httpClientFactory,
    IArticleLoader loader,
    IOptions<SourcesOptions> options,
    TimeProvider time,
    ILogger<FeedFetcher> logger)
{
    /// <summary>The HTTP client for feeds and linked pages, held to the egress policy.</summary>
    public const string HttpClientName = "SyndicationBot.Feeds";

    /// <summary>The HTTP client for the URL of a feed the operator trusts with a private address.</summary>
    public const string TrustedHttpClientName = "SyndicationBot.Feeds.Trusted";

    /// <summary>Backoff never grows beyond this, so a feed that comes back is read again within hours.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    /// <summary>Items with less text than this are "headline only" and qualify for <see cref="FeedSourceOptions.FetchArticlePage"/>.</summary>
    private const int UsableTextChars = 80;

    public async Task<FeedFetchResult> FetchAsync(FeedSourceOptions feed, FeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        if (!feed.Enabled)
        {
            return Empty(feed, FeedFetchStatus.Disabled, state);
        }

        if (state.NextAttemptAt is { } next && next > now)
        {
            Log.BackedOff(logger, feed.Name, state.ConsecutiveFailures, next);
            return Empty(feed, FeedFetchStatus.BackedOff, state, $"backing off until {next:O} after {state.ConsecutiveFailures} failures: {state.LastError}");
        }

        var download = IsHttp(feed.Url)
            ? await DownloadAsync(new Uri(feed.Url), state, feed.AllowPrivateAddresses, cancellationToken)
            : await ReadLocalAsync(feed.Url, state, cancellationToken);

        switch (download)
        {
            case { Error: { } error }:
                return Fail(feed, state, now, error, download.RetryAfter);
            case { NotModified: true }:
                Log.NotModified(logger, feed.Name);
                return Empty(feed, FeedFetchStatus.NotModified, state with { ConsecutiveFailures = 0, NextAttemptAt = null, LastSuccessAt = now, LastError = null });
            default:
                break;
        }

        var results = loader.Load(feed.Url, download.Body);
        // One rejection that is not about an item means the feed as a whole is unreadable: a failed poll.
        if (results is [ArticleReadResult.Rejected whole] && !whole.Reason.StartsWith(feed.Url + " item ", StringComparison.Ordinal))
        {
            return Fail(feed, state, now, whole.Reason, null);
        }

        var accepted = new List<Article>();
        var rejected = new List<ArticleReadResult.Rejected>();
        foreach (var result in results)
        {
            switch (result)
            {
                case ArticleReadResult.Accepted { Article: var article }:
                    accepted.Add(await CompleteAsync(feed, article, cancellationToken));
                    break;
                case ArticleReadResult.Rejected rejection:
                    rejected.Add(rejection);
                    break;
                default:
                    break;
            }
        }

        var (articles, skipped) = ApplyPolicies(feed, state, accepted, now);
        var newState = state with
        {
            ETag = download.ETag ?? state.ETag,
            LastModified = download.LastModified ?? state.LastModified,
            ConsecutiveFailures = 0,
            NextAttemptAt = null,
            LastSuccessAt = now,
            LastError = null,
        };
        Log.Fetched(logger, feed.Name, articles.Count, skipped.Count, rejected.Count);
        return new FeedFetchResult(feed.Name, FeedFetchStatus.Fetched, newState, articles, skipped, rejected);
    }

    /// <summary>The delay before the next attempt after <paramref name="failures"/> failures in a row: the poll interval doubled each time, capped.</summary>
    public static TimeSpan Backoff(TimeSpan pollInterval, int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures, 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(pollInterval.Ticks * factor, MaxBackoff.Ticks));
        return delay < pollInterval ? pollInterval : delay;
    }

    private (List<Article> Articles, List<SkippedArticle> Skipped) ApplyPolicies(FeedSourceOptions feed, FeedState state, List<Article> accepted, DateTimeOffset now)
    {
        var articles = new List<Article>();
        var skipped = new List<SkippedArticle>();
        var maxAge = options.Value.MaxArticleAge;
        foreach (var article in accepted)
        {
            if (ArticleAge.SkipReason(article, maxAge, now) is { } reason)
            {
                skipped.Add(new SkippedArticle(article, reason));
            }
            else
            {
                articles.Add(article);
            }
        }

        if (state.LastSuccessAt is not null || articles.Count <= feed.FirstRunNewest)
        {
            return (articles, skipped);
        }

        // First sight of the feed: post only the newest N so its whole archive does not flood the queue.
        // Feeds without dates keep document order, which is newest first by convention.
        var newest = articles
            .Select((article, index) => (Article: article, Index: index))
            .OrderByDescending(a => a.Article.PublishedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Index)
            .Take(feed.FirstRunNewest)
            .Select(a => a.Article)
            .ToHashSet();
        var reasonText = $"first poll of feed '{feed.Name}': only the newest {feed.FirstRunNewest} item(s) are posted (FirstRunNewest)";
        skipped.AddRange(articles.Where(a => !newest.Contains(a)).Select(a => new SkippedArticle(a, reasonText)));
        return ([.. articles.Where(newest.Contains)], skipped);
    }

    private async Task<Article> CompleteAsync(FeedSourceOptions feed, Article article, CancellationToken cancellationToken)
    {
        var tags = article.Tags.Concat(feed.Tags).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        article = article with { Tags = tags };
        if (!feed.FetchArticlePage || article.Url is null || article.Paragraphs.Sum(p => p.Length) >= UsableTextChars)
        {
            return article;
        }

        if (article.Url.Scheme != Uri.UriSchemeHttp && article.Url.Scheme != Uri.UriSchemeHttps)
        {
            Log.PageFetchFailed(logger, feed.Name, article.Url, "only http and https links are fetched");
            return article;
        }

        // The link comes from the feed's content, not from the operator: never trusted with a private address.
        var page = await DownloadAsync(article.Url, FeedState.New, trusted: false, cancellationToken);
        if (page.Error is not null || page.NotModified)
        {
            Log.PageFetchFailed(logger, feed.Name, article.Url, page.Error ?? "not modified");
            return article;
        }

        if (loader.Load(article.Url.AbsoluteUri, page.Body) is [ArticleReadResult.Accepted { Article: var full }] && full.Paragraphs.Count > 0)
        {
            return article with
            {
                Paragraphs = full.Paragraphs,
                Language = full.Language,
                Author = article.Author ?? full.Author,
                PublishedAt = article.PublishedAt ?? full.PublishedAt,
                ImageUrl = article.ImageUrl ?? full.ImageUrl,
                ContentHash = ContentHasher.Hash(article.Title, full.Paragraphs),
            };
        }

        Log.PageFetchFailed(logger, feed.Name, article.Url, "the page has no article text");
        return article;
    }

    private async Task<Download> DownloadAsync(Uri url, FeedState state, bool trusted, CancellationToken cancellationToken)
    {
        var timeout = options.Value.FetchTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var http = httpClientFactory.CreateClient(trusted ? TrustedHttpClientName : HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (state.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (state.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Download([], NotModified: true);
            }

            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = response.Headers.RetryAfter is { } header
                    ? header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null)
                    : null;
                return new Download([], Error: $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", RetryAfter: retryAfter);
            }

            var limit = options.Value.MaxFileBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                return new Download([], Error: $"is oversized: {response.Content.Headers.ContentLength} bytes is over the {limit} bytes limit (Sources:MaxFileBytes)");
            }

            var body = await ReadLimitedAsync(response.Content, limit, linked.Token);
            if (body is null)
            {
                return new Download([], Error: $"is oversized: more than {limit} bytes (Sources:MaxFileBytes)");
            }

            return new Download(
                body,
                ETag: response.Headers.ETag?.ToString(),
                LastModified: response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null);
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new Download([], Error: refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new Download([], Error: $"request failed: {ex.Message}");
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The connection broke while the body was read.
            return new Download([], Error: $"request failed: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Download([], Error: $"timed out: no complete answer within Sources:FetchTimeout ({timeout})");
        }
    }

    private async Task<Download> ReadLocalAsync(string path, FeedState state, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return new Download([], Error: $"file {path} does not exist");
        }

        var stamp = file.LastWriteTimeUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "/" + file.Length;
        if (stamp == state.LastModified)
        {
            return new Download([], NotModified: true);
        }

        var limit = options.Value.MaxFileBytes;
        if (file.Length > limit)
        {
            return new Download([], Error: $"is oversized: {file.Length} bytes is over the {limit} bytes limit (Sources:MaxFileBytes)");
        }

        // A pipe or device named as a feed is never opened, and the limit holds whatever size the file reports.
        var (bytes, failure, _) = await SafeFileReader.ReadAsync(path, limit, cancellationToken);
        return bytes is null
            ? new Download([], Error: $"file {path} {failure}")
            : new Download(bytes, LastModified: stamp);
    }

    private static EgressRefusedException? Refusal(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is EgressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private FeedFetchResult Fail(FeedSourceOptions feed, FeedState state, DateTimeOffset now, string error, TimeSpan? retryAfter)
    {
        var failures = state.ConsecutiveFailures + 1;
        var delay = Backoff(feed.PollInterval, failures);
        if (retryAfter is { } serverAsked && serverAsked > delay)
        {
            delay = serverAsked < MaxBackoff ? serverAsked : MaxBackoff;
        }

        var next = now + delay;
        Log.Failed(logger, feed.Name, failures, error, next);
        var newState = state with { ConsecutiveFailures = failures, NextAttemptAt = next, LastError = error };
        return Empty(feed, FeedFetchStatus.Failed, newState, $"feed '{feed.Name}' {error}");
    }

    private static FeedFetchResult Empty(FeedSourceOptions feed, FeedFetchStatus status, FeedState state, string? error = null) =>
        new(feed.Name, status, state, [], [], [], error);

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private sealed record Download(
        byte[] Body,
        bool NotModified = false,
        string? Error = null,
        string? ETag = null,
        string? LastModified = null,
        TimeSpan? RetryAfter = null);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Feed {Feed} read: {Articles} to post, {Skipped} skipped, {Rejected} rejected")]
        public static partial void Fetched(ILogger logger, string feed, int articles, int skipped, int rejected);

        [LoggerMessage(2, LogLevel.Debug, "Feed {Feed} not modified")]
        public static partial void NotModified(ILogger logger, string feed);

        [LoggerMessage(3, LogLevel.Warning, "Feed {Feed} failed ({Failures} in a row): {Error}; next attempt at {NextAttempt}")]
        public static partial void Failed(ILogger logger, string feed, int failures, string error, DateTimeOffset nextAttempt);

        [LoggerMessage(4, LogLevel.Debug, "Feed {Feed} backing off after {Failures} failures until {NextAttempt}")]
        public static partial void BackedOff(ILogger logger, string feed, int failures, DateTimeOffset nextAttempt);

        [LoggerMessage(5, LogLevel.Information, "Feed {Feed}: the linked page {Url} could not be used: {Reason}")]
        public static partial void PageFetchFailed(ILogger logger, string feed, Uri url, string reason);
    }
}
