using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Hosting;
using SyndicationBot.Tests.Articles.Feeds;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>A feed server that sends its body one byte at a time must not hold back the other feeds, nor the poller for ever.</summary>
public sealed class FeedTrickleTests
{
    // Real time the test allows itself for what takes milliseconds when the poller is right.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task PollDueAsync_OneFeedTrickles_TheOtherFeedsItemIsQueuedWithinItsPollAndTheSlowOneTimesOut()
    {
        // Arrange: the trickling feed is listed first.
        await using var slow = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", TrickleAsync));
        await using var fast = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", () =>
            Results.Text(HostileFeeds.Rss("b-1", "Tangier port reopens after the storm", "https://news.example.ma/b-1", HostileFeeds.Lead), "application/rss+xml; charset=utf-8")));
        using var host = HostileHost.Create(new Dictionary<string, string?>
        {
            ["Sources:Feeds:0:Name"] = "slow",
            ["Sources:Feeds:0:Url"] = slow.Url("feed.xml").AbsoluteUri,
            ["Sources:Feeds:0:AllowPrivateAddresses"] = "true",
            ["Sources:Feeds:1:Name"] = "fast",
            ["Sources:Feeds:1:Url"] = fast.Url("feed.xml").AbsoluteUri,
            ["Sources:Feeds:1:AllowPrivateAddresses"] = "true",
            ["Sources:FetchTimeout"] = "00:00:30",
        });
        var poller = host.Get<FeedPollingService>();

        // Act
        var poll = poller.PollDueAsync(CancellationToken.None);
        var fastQueued = await WaitUntilAsync(async () => (await host.QueuedTitlesAsync()).Count == 1);
        var stillPolling = !poll.IsCompleted;
        host.Time.Advance(TimeSpan.FromSeconds(31));
        await poll.WaitAsync(Bound);

        // Assert: the fast feed did not wait for the slow one; the slow one was cut at its deadline and reported.
        Assert.True(fastQueued, "the fast feed's item was not queued while the slow feed trickled");
        Assert.True(stillPolling);
        Assert.Equal(["Tangier port reopens after the storm"], await host.QueuedTitlesAsync());
        var failure = Assert.Single(host.Warnings("Feed slow failed"));
        Assert.Contains("timed out", failure, StringComparison.Ordinal);
    }

    private static async Task TrickleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        var body = HostileFeeds.Rss("a-1", "Rabat hosts a water security conference", "https://news.example.ma/a-1", HostileFeeds.Lead);
        try
        {
            // At most a minute of trickle, whatever the client does.
            for (var i = 0; i < Math.Min(body.Length, 600) && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.WriteAsync(body[i].ToString(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up: that is the point.
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < Bound)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return false;
    }
}
