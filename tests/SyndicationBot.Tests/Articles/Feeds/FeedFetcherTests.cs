using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Articles;
using SyndicationBot.Articles.Feeds;
using Xunit;

namespace SyndicationBot.Tests.Articles.Feeds;

public sealed class FeedFetcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private const string LastModified = "Fri, 27 Nov 2026 14:00:00 GMT";

    private static string Rss(string siteLink, params (string Title, string Link, string Date, string? Description)[] items)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Wire</title><link>{siteLink}</link><language>en</language>");
        foreach (var (title, link, date, description) in items)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>");
            if (description is not null)
            {
                builder.Append(CultureInfo.InvariantCulture, $"<description><![CDATA[{description}]]></description>");
            }

            builder.Append("</item>");
        }

        return builder.Append("</channel></rss>").ToString();
    }

    private static readonly string TwoItems = Rss(
        "https://wire.example.com/",
        ("Port traffic hits a record in Tanger Med", "https://wire.example.com/a/port-record", "Fri, 27 Nov 2026 13:00:00 GMT", "<p>Container traffic at Tanger Med reached a monthly record in November, the port authority said on Friday, driven by new shipping lines.</p>"),
        ("Rabat hosts a regional climate summit", "https://wire.example.com/a/climate-summit", "Thu, 26 Nov 2026 09:00:00 GMT", "<p>Ministers from twelve countries met in Rabat on Thursday to prepare a common position ahead of the global climate conference next year.</p>"));

    // The production HTTP clients, with the egress policy lifted: these feeds are served from 127.0.0.1.
    private static (FeedFetcher Fetcher, FakeTimeProvider Time, FakeLogger<FeedFetcher> Logger, IDisposable Http) CreateTarget(TimeSpan? maxArticleAge = null)
    {
        var time = new FakeTimeProvider(Now);
        var logger = new FakeLogger<FeedFetcher>();
        var options = Options.Create(new SourcesOptions { MaxArticleAge = maxArticleAge });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sources:AllowPrivateAddresses"] = "true" }).Build();
        var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddArticles().BuildServiceProvider();
        var fetcher = new FeedFetcher(provider.GetRequiredService<IHttpClientFactory>(), ArticleLoaderFactory.Create(), options, time, logger);
        return (fetcher, time, logger, provider);
    }

    private static FeedSourceOptions Feed(Uri url, int firstRunNewest = 1, bool fetchPage = false) => new()
    {
        Name = "wire",
        Url = url.AbsoluteUri,
        PollInterval = Interval,
        FirstRunNewest = firstRunNewest,
        FetchArticlePage = fetchPage,
        Tags = { "morocco" },
    };

    private static Task ServeFeed(HttpContext context, string body, string etag = "\"v1\"")
    {
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = LastModified;
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        return context.Response.WriteAsync(body);
    }

    [Fact]
    public async Task FetchAsync_FirstPoll_PostsOnlyTheNewestAndSkipsTheArchiveWithReason()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems)));
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml")), FeedState.New, CancellationToken.None);

        // Assert
        Assert.Equal(FeedFetchStatus.Fetched, result.Status);
        var posted = Assert.Single(result.Articles);
        Assert.Equal("Port traffic hits a record in Tanger Med", posted.Title);
        Assert.Equal(["morocco"], posted.Tags);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("Rabat hosts a regional climate summit", skipped.Article.Title);
        Assert.Equal("first poll of feed 'wire': only the newest 1 item(s) are posted (FirstRunNewest)", skipped.Reason);
        Assert.Equal("\"v1\"", result.State.ETag);
        Assert.Equal(LastModified, result.State.LastModified);
        Assert.Equal(Now, result.State.LastSuccessAt);
    }

    [Fact]
    public async Task FetchAsync_FirstPollWithFirstRunNewestZero_PostsNothing()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems)));
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml"), firstRunNewest: 0), FeedState.New, CancellationToken.None);

        // Assert
        Assert.Empty(result.Articles);
        Assert.Equal(2, result.Skipped.Count);
    }

    [Fact]
    public async Task FetchAsync_LaterPoll_PostsAllItems()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems, "\"v2\"")));
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;
        var seenBefore = new FeedState(ETag: "\"v1\"", LastSuccessAt: Now.AddHours(-1));

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml")), seenBefore, CancellationToken.None);

        // Assert
        Assert.Equal(2, result.Articles.Count);
        Assert.Empty(result.Skipped);
        Assert.Equal("\"v2\"", result.State.ETag);
    }

    [Fact]
    public async Task FetchAsync_UnchangedFeed_SendsConditionalHeadersAndHonours304()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems)));
        var (fetcher, time, _, http) = CreateTarget();
        using var _http = http;
        var feed = Feed(server.Url("feed.xml"));
        var first = await fetcher.FetchAsync(feed, FeedState.New, CancellationToken.None);
        time.Advance(Interval);

        // Act
        var second = await fetcher.FetchAsync(feed, first.State, CancellationToken.None);

        // Assert
        Assert.Equal(FeedFetchStatus.NotModified, second.Status);
        Assert.Empty(second.Articles);
        Assert.Equal(Now + Interval, second.State.LastSuccessAt);
        var conditional = server.Requests.Last();
        Assert.Equal("\"v1\"", conditional.IfNoneMatch);
        Assert.Equal(LastModified, conditional.IfModifiedSince);
    }

    [Fact]
    public async Task FetchAsync_FailingFeed_BacksOffExponentiallyWithoutRequestsInBetween()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", () => Results.StatusCode(503)));
        var (fetcher, time, logger, http) = CreateTarget();
        using var _http = http;
        var feed = Feed(server.Url("feed.xml"));

        // Act
        var first = await fetcher.FetchAsync(feed, FeedState.New, CancellationToken.None);
        time.Advance(Interval);
        var during = await fetcher.FetchAsync(feed, first.State, CancellationToken.None);
        time.Advance(Interval);
        var second = await fetcher.FetchAsync(feed, during.State, CancellationToken.None);

        // Assert
        Assert.Equal(FeedFetchStatus.Failed, first.Status);
        Assert.Equal(1, first.State.ConsecutiveFailures);
        Assert.Equal(Now + (2 * Interval), first.State.NextAttemptAt);
        Assert.Equal("feed 'wire' HTTP 503 Service Unavailable", first.Error);
        Assert.Equal(FeedFetchStatus.BackedOff, during.Status);
        Assert.Equal(FeedFetchStatus.Failed, second.Status);
        Assert.Equal(2, second.State.ConsecutiveFailures);
        Assert.Equal(Now + (2 * Interval) + (4 * Interval), second.State.NextAttemptAt);
        Assert.Equal(2, server.CountRequests("/feed.xml"));
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("wire failed (2 in a row)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAsync_RecoveringFeed_ResetsBackoff()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems)));
        var (fetcher, time, _, http) = CreateTarget();
        using var _http = http;
        var failing = new FeedState(ConsecutiveFailures: 3, NextAttemptAt: Now.AddMinutes(5), LastSuccessAt: Now.AddDays(-1), LastError: "HTTP 500");
        time.Advance(TimeSpan.FromMinutes(5));

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml")), failing, CancellationToken.None);

        // Assert
        Assert.Equal(FeedFetchStatus.Fetched, result.Status);
        Assert.Equal(0, result.State.ConsecutiveFailures);
        Assert.Null(result.State.NextAttemptAt);
        Assert.Null(result.State.LastError);
    }

    [Fact]
    public void Backoff_ManyFailures_DoublesUpToTheCap()
    {
        // Act
        var delays = Enumerable.Range(1, 8).Select(n => FeedFetcher.Backoff(TimeSpan.FromMinutes(15), n)).ToList();

        // Assert
        Assert.Equal(
            [TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(6), TimeSpan.FromHours(6), TimeSpan.FromHours(6)],
            delays);
    }

    [Fact]
    public async Task FetchAsync_HeadlineOnlyItemWithFetchArticlePage_ReadsTheLinkedPage()
    {
        // Arrange
        const string page = """
            <html lang="en"><head><title>Desalination plant opens near Agadir</title></head><body>
            <nav>Home News Sport</nav>
            <article><h1>Desalination plant opens near Agadir</h1>
            <p>A desalination plant able to supply drinking water to more than a million people opened near Agadir on Friday, officials said.</p>
            <p>The plant runs on wind power and will also irrigate fifteen thousand hectares of farmland in the Souss valley.</p>
            </article></body></html>
            """;
        LocalFeedServer? self = null;
        await using var server = await LocalFeedServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", context => ServeFeed(context, Rss(self!.BaseUri.AbsoluteUri, ("Desalination plant opens near Agadir", "/articles/agadir", "Fri, 27 Nov 2026 12:00:00 GMT", null))));
            app.MapGet("/articles/agadir", () => Results.Content(page, "text/html; charset=utf-8"));
        });
        self = server;
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml"), fetchPage: true), FeedState.New, CancellationToken.None);

        // Assert
        var article = Assert.Single(result.Articles);
        Assert.Equal("Desalination plant opens near Agadir", article.Title);
        Assert.Equal(server.Url("articles/agadir"), article.Url);
        Assert.Equal(
            [
                "A desalination plant able to supply drinking water to more than a million people opened near Agadir on Friday, officials said.",
                "The plant runs on wind power and will also irrigate fifteen thousand hectares of farmland in the Souss valley.",
            ],
            article.Paragraphs);
        Assert.Equal(1, server.CountRequests("/articles/agadir"));
    }

    [Fact]
    public async Task FetchAsync_HeadlineOnlyItemWithoutFetchArticlePage_KeepsHeadlineAndFetchesNothing()
    {
        // Arrange
        LocalFeedServer? self = null;
        await using var server = await LocalFeedServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", context => ServeFeed(context, Rss(self!.BaseUri.AbsoluteUri, ("Desalination plant opens near Agadir", "/articles/agadir", "Fri, 27 Nov 2026 12:00:00 GMT", null))));
            app.MapGet("/articles/agadir", () => Results.Content("<html></html>", "text/html"));
        });
        self = server;
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml")), FeedState.New, CancellationToken.None);

        // Assert
        var article = Assert.Single(result.Articles);
        Assert.Empty(article.Paragraphs);
        Assert.Equal(0, server.CountRequests("/articles/agadir"));
    }

    [Fact]
    public async Task FetchAsync_ItemsOlderThanMaxArticleAge_SkippedWithReason()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems)));
        var (fetcher, _, _, http) = CreateTarget(maxArticleAge: TimeSpan.FromHours(12));
        using var _http = http;
        var seenBefore = new FeedState(LastSuccessAt: Now.AddHours(-1));

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml")), seenBefore, CancellationToken.None);

        // Assert
        Assert.Equal("Port traffic hits a record in Tanger Med", Assert.Single(result.Articles).Title);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("published 2026-11-26 09:00 UTC, 1.3 days ago, older than Sources:MaxArticleAge (12 hours)", skipped.Reason);
    }

    [Fact]
    public async Task FetchAsync_MalformedFeed_FailsWithReasonAndBacksOff()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, "<rss><channel><item><title>broken</channel>")));
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;

        // Act
        var result = await fetcher.FetchAsync(Feed(server.Url("feed.xml")), FeedState.New, CancellationToken.None);

        // Assert
        Assert.Equal(FeedFetchStatus.Failed, result.Status);
        Assert.StartsWith($"feed 'wire' {server.Url("feed.xml").AbsoluteUri} is a malformed XML feed", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.State.ConsecutiveFailures);
    }

    [Fact]
    public async Task FetchAsync_DisabledFeed_MakesNoRequest()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", context => ServeFeed(context, TwoItems)));
        var (fetcher, _, _, http) = CreateTarget();
        using var _http = http;
        var feed = Feed(server.Url("feed.xml"));
        feed.Enabled = false;

        // Act
        var result = await fetcher.FetchAsync(feed, FeedState.New, CancellationToken.None);

        // Assert
        Assert.Equal(FeedFetchStatus.Disabled, result.Status);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task FetchAsync_LocalFeedFile_ReadsThenReportsNotModifiedUntilItChanges()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("feeds-");
        try
        {
            var path = Path.Combine(directory.FullName, "wire.xml");
            await File.WriteAllTextAsync(path, TwoItems);
            var (fetcher, _, _, http) = CreateTarget();
            using var _http = http;
            var feed = new FeedSourceOptions { Name = "local", Url = path, PollInterval = Interval, FirstRunNewest = 5 };

            // Act
            var first = await fetcher.FetchAsync(feed, FeedState.New, CancellationToken.None);
            var unchanged = await fetcher.FetchAsync(feed, first.State, CancellationToken.None);
            await File.AppendAllTextAsync(path, "\n");
            var changed = await fetcher.FetchAsync(feed, unchanged.State, CancellationToken.None);

            // Assert
            Assert.Equal(2, first.Articles.Count);
            Assert.Equal(FeedFetchStatus.NotModified, unchanged.Status);
            Assert.Equal(FeedFetchStatus.Fetched, changed.Status);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
