using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Hosting;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Articles.Feeds;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// Server-side request forgery through a feed: an item whose link points at this machine (or its private
/// network, or a cloud metadata address) must not make the bot fetch that page and post what it says.
/// </summary>
public sealed class FeedEgressTests
{
    private const string InternalText = "Internal admin console: the database password is hunter2, rotate it every Monday morning before the backups run.";

    [Theory]
    [InlineData("http://127.0.0.1:{port}/internal")]
    [InlineData("http://localhost:{port}/internal")]
    [InlineData("http://0x7f000001:{port}/internal")]
    [InlineData("http://2130706433:{port}/internal")]
    [InlineData("http://017700000001:{port}/internal")]
    [InlineData("http://127.1:{port}/internal")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/internal")]
    public async Task PollDueAsync_ItemLinkToThisMachine_NoRequestReachesItAndTheItemIsQueuedWithoutThePageText(string link)
    {
        // Arrange: the operator's own feed is on this machine and trusted on purpose; its item's link is not.
        LocalFeedServer? server = null;
        await using var started = await LocalFeedServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", () => Results.Text(
                HostileFeeds.Rss("i-1", "Port workers announce a strike", link.Replace("{port}", server!.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                "application/rss+xml; charset=utf-8"));
            app.MapGet("/internal", () => Results.Text($"<html><head><title>Admin</title></head><body><p>{InternalText}</p></body></html>", "text/html"));
        });
        server = started;
        using var host = HostileHost.Create(Feed(server, trusted: true));
        var poller = host.Get<FeedPollingService>();

        // Act
        await poller.PollDueAsync(CancellationToken.None);

        // Assert
        Assert.Equal(0, server.CountRequests("/internal"));
        var posts = await host.Get<IPostQueue>().ListAsync(Enum.GetValues<PostState>(), 10, newestFirst: false, CancellationToken.None);
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.DoesNotContain("hunter2", p.Draft.Text, StringComparison.Ordinal));
        var refusal = Assert.Single(host.Logs.GetSnapshot(), r => r.Message.Contains("linked page", StringComparison.Ordinal)).Message;
        Assert.Contains("Sources:AllowPrivateAddresses", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollDueAsync_OperatorFeedOnThisMachineNotTrusted_IsRefusedNamingTheSetting()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/feed.xml", () =>
            Results.Text(HostileFeeds.Rss("i-1", "Port workers announce a strike", "https://news.example.ma/i-1", HostileFeeds.Lead), "application/rss+xml; charset=utf-8")));
        using var host = HostileHost.Create(Feed(server, trusted: false));
        var poller = host.Get<FeedPollingService>();

        // Act
        await poller.PollDueAsync(CancellationToken.None);

        // Assert
        Assert.Empty(server.Requests);
        Assert.Empty(await host.QueuedTitlesAsync());
        var failure = Assert.Single(host.Warnings("Feed wire failed"));
        Assert.Contains("loopback", failure, StringComparison.Ordinal);
        Assert.Contains("Sources:Feeds:N:AllowPrivateAddresses", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollDueAsync_AllowPrivateAddressesEverywhere_TheLinkedPageOnThisMachineIsRead()
    {
        // Arrange: an operator who runs everything on one intranet opts out of the policy as a whole.
        LocalFeedServer? server = null;
        await using var started = await LocalFeedServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", () => Results.Text(HostileFeeds.Rss("i-1", "Port workers announce a strike", new Uri(server!.BaseUri, "page").AbsoluteUri), "application/rss+xml; charset=utf-8"));
            app.MapGet("/page", () => Results.Text("<html><head><title>Port workers announce a strike</title></head><body><p>Port workers in Tangier said on Monday that they would stop work for two days next week over pay, the union said in a statement.</p></body></html>", "text/html"));
        });
        server = started;
        var settings = Feed(server, trusted: false);
        settings["Sources:AllowPrivateAddresses"] = "true";
        using var host = HostileHost.Create(settings);

        // Act
        await host.Get<FeedPollingService>().PollDueAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, server.CountRequests("/page"));
        var post = Assert.Single(await host.Get<IPostQueue>().ListAsync(Enum.GetValues<PostState>(), 10, newestFirst: false, CancellationToken.None));
        Assert.Contains("stop work for two days", post.Draft.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Feed(LocalFeedServer server, bool trusted) => new()
    {
        ["Sources:Feeds:0:Name"] = "wire",
        ["Sources:Feeds:0:Url"] = server.Url("feed.xml").AbsoluteUri,
        ["Sources:Feeds:0:FetchArticlePage"] = "true",
        ["Sources:Feeds:0:AllowPrivateAddresses"] = trusted ? "true" : "false",
        ["Channels:Outbox:Enabled"] = "true",
    };
}
