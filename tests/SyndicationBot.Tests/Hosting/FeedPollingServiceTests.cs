using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Contract;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting;

/// <summary>Feeds through the real graph: a local RSS server, the poller's unit of work, the ledger.</summary>
public sealed class FeedPollingServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<(string Guid, string Title, DateTimeOffset Published)> _items =
    [
        ("a-1", "Rabat hosts a water security conference", Start.AddHours(-3)),
        ("a-2", "Tangier port reopens after the storm", Start.AddHours(-2)),
        ("a-3", "Casablanca tram line 5 opens to passengers", Start.AddHours(-1)),
    ];

    private int _requests;
    private int _notModified;
    private int _edits;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task PollDueAsync_NewFeedThenANewItem_PostsOnlyTheNewestAndTheNewItemNeverTheArchive()
    {
        // Arrange
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/feed.xml", ServeFeed));
        using var host = BuildHost(new Uri(server.BaseAddress, "feed.xml"));
        var poller = host.Services.GetRequiredService<FeedPollingService>();
        var queue = host.Services.GetRequiredService<IPostQueue>();

        // Act: first sight, then an unchanged feed (304), then a new item, then the archive again.
        await poller.PollDueAsync(CancellationToken.None);
        var afterFirst = await QueuedTitlesAsync(queue);
        _time.Advance(TimeSpan.FromMinutes(10));
        await poller.PollDueAsync(CancellationToken.None);
        _items.Add(("a-4", "Marrakech airport adds a new terminal", Start.AddMinutes(5)));
        _time.Advance(TimeSpan.FromMinutes(10));
        await poller.PollDueAsync(CancellationToken.None);
        var afterNewItem = await QueuedTitlesAsync(queue);

        // Assert
        Assert.Equal(["Casablanca tram line 5 opens to passengers"], afterFirst);
        Assert.Equal(1, _notModified);
        Assert.Equal(3, _requests);
        Assert.Equal(["Casablanca tram line 5 opens to passengers", "Marrakech airport adds a new terminal"], afterNewItem);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task PollDueAsync_PostedItemRewrittenAtTheSource_IsPostedAgainOnlyAsAnUpdateWhenEnabled(bool updates, int expectedUpdatePosts)
    {
        // Arrange: the newest item is queued on first sight and goes out.
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/feed.xml", ServeFeed));
        using var host = BuildHost(new Uri(server.BaseAddress, "feed.xml"), updates);
        var poller = host.Services.GetRequiredService<FeedPollingService>();
        var queue = host.Services.GetRequiredService<IPostQueue>();
        await poller.PollDueAsync(CancellationToken.None);
        var sent = Assert.Single(await queue.ClaimDueAsync(_time.GetUtcNow(), "test", TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        await queue.RecordAsync(sent.Lease!, new PostOutcome.Published("1", null), _time.GetUtcNow(), CancellationToken.None);

        // Act: the same item (same GUID and link) gets a new headline; the feed is polled twice more.
        _items[2] = ("a-3", "Casablanca tram line 5 opening delayed to Monday", _items[2].Published);
        _edits++;
        for (var poll = 0; poll < 2; poll++)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            await poller.PollDueAsync(CancellationToken.None);
        }

        // Assert
        var queued = await queue.ListAsync([PostState.Queued], 10, newestFirst: false, CancellationToken.None);
        Assert.Equal(expectedUpdatePosts, queued.Count);
        Assert.All(queued, post => Assert.StartsWith("Update: Casablanca tram line 5 opening delayed to Monday", post.Draft.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollDueAsync_FeedKeepsFailing_IsBackedOffNotHammered()
    {
        // Arrange
        var calls = 0;
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/feed.xml", (HttpContext context) =>
        {
            calls++;
            return Results.StatusCode(503);
        }));
        using var host = BuildHost(new Uri(server.BaseAddress, "feed.xml"));
        var poller = host.Services.GetRequiredService<FeedPollingService>();

        // Act: an hour of polls every minute against a feed that always fails.
        for (var minute = 0; minute < 60; minute++)
        {
            await poller.PollDueAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Assert: a 10-minute interval doubled per failure (10, 20, 40 min) gives 3 requests in the hour, not 60.
        Assert.InRange(calls, 2, 4);
    }

    private IResult ServeFeed(HttpContext context)
    {
        _requests++;
        var etag = "\"v" + _items.Count.ToString(CultureInfo.InvariantCulture) + "." + _edits.ToString(CultureInfo.InvariantCulture) + "\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            _notModified++;
            return Results.StatusCode(304);
        }

        context.Response.Headers.ETag = etag;
        var items = string.Concat(_items.Select(item => $"""
            <item>
              <title>{item.Title}</title>
              <link>https://news.example.ma/{item.Guid}</link>
              <guid>{item.Guid}</guid>
              <pubDate>{item.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>
              <description>&lt;p&gt;{item.Title} today, officials said on Monday, in a statement that gave the first details of the plan and its cost for the region.&lt;/p&gt;</description>
            </item>
            """));
        var rss = $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title><link>https://news.example.ma/</link><description>d</description>{items}</channel></rss>""";
        return Results.Text(rss, "application/rss+xml; charset=utf-8");
    }

    private static async Task<List<string>> QueuedTitlesAsync(IPostQueue queue) =>
        [.. (await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None)).Select(p => p.ArticleTitle).Distinct().Order(StringComparer.Ordinal)];

    private IHost BuildHost(Uri feed, bool updates = false) =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Sources:Feeds:0:Name"] = "local",
            ["Sources:Feeds:0:Url"] = feed.AbsoluteUri,
            ["Sources:Feeds:0:AllowPrivateAddresses"] = "true",
            ["Sources:Feeds:0:PollInterval"] = "00:10:00",
            ["Sources:Feeds:0:FirstRunNewest"] = "1",
            ["Schedule:MinSpacing"] = "00:00:05",
            ["Sources:Updates:Enabled"] = updates ? "true" : "false",
        }, _time).Build();
}
