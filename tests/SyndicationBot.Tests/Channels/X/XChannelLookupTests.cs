using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.X;
using SyndicationBot.Tests.Contract;
using Xunit;

namespace SyndicationBot.Tests.Channels.X;

/// <summary>
/// <see cref="XChannel.LookupAsync"/> against the local X API: the account's own posts since the post fell due,
/// signed over the query, matched by the text as X renders it (t.co links, escaped entities).
/// </summary>
public sealed class XChannelLookupTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(ChannelTestHost.Start);
    private FakeXServer? server;
    private ChannelTestHost? host;

    private FakeXServer Server => server!;

    private XChannel Channel => host!.Get<XChannel>();

    public async Task InitializeAsync()
    {
        server = await FakeXServer.StartAsync(time);
        host = ChannelTestHost.Create(
            [
                new("Channels:X:Enabled", "true"),
                new("Channels:X:BaseUrl", Server.BaseAddress.AbsoluteUri),
                new("Channels:X:ConsumerKey", FakeXServer.ConsumerKey),
                new("Channels:X:ConsumerSecret", FakeXServer.ConsumerSecret),
                new("Channels:X:AccessToken", FakeXServer.AccessToken),
                new("Channels:X:AccessTokenSecret", FakeXServer.AccessTokenSecret),
            ],
            services => services.AddXChannel(),
            time);
    }

    public async Task DisposeAsync()
    {
        await host!.DisposeAsync();
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task LookupAsync_PostLandedWithALinkAndAnAmpersand_FoundDespiteTheTcoWrappingAndEscaping()
    {
        // Arrange: X stored it (the answer was lost); its timeline shows https://t.co/… and &amp;.
        var text = "Rates & rents: the council votes <today>\n\nhttps://example.org/news/rates-and-rents?ref=rss #housing";
        var id = Server.Seed(text, ChannelTestHost.Start.AddSeconds(1));
        Server.Seed("Another story https://example.org/other", ChannelTestHost.Start.AddSeconds(2));

        // Act
        var result = await Channel.LookupAsync(Post(1, text), CancellationToken.None);

        // Assert
        var found = Assert.IsType<LookupResult.Found>(result);
        Assert.Equal(id, found.Post.RemoteId);
        Assert.Equal(new Uri($"https://x.com/i/web/status/{id}"), found.Post.Url);
        Assert.Equal(1, Server.MeRequests);
    }

    [Fact]
    public async Task LookupAsync_OnlyOtherPostsOnTheAccount_NotFound()
    {
        // Arrange: the same story with another link is not our post.
        Server.Seed("Rates and rents https://example.org/news/other", ChannelTestHost.Start.AddSeconds(1));

        // Act
        var result = await Channel.LookupAsync(Post(2, "Rates and rents https://example.org/news/rates"), CancellationToken.None);

        // Assert
        Assert.IsType<LookupResult.NotFound>(result);
    }

    [Fact]
    public async Task LookupAsync_PostOlderThanThePage_FollowsPaginationTokensUntilFound()
    {
        // Arrange: ours first, then 250 later posts: three pages of 100 back.
        var id = Server.Seed("The one we look for https://example.org/a", ChannelTestHost.Start.AddSeconds(1));
        for (var i = 0; i < 250; i++)
        {
            Server.Seed(string.Create(CultureInfo.InvariantCulture, $"Later post {i}"), ChannelTestHost.Start.AddSeconds(2 + i));
        }

        // Act
        var result = await Channel.LookupAsync(Post(3, "The one we look for https://example.org/a"), CancellationToken.None);

        // Assert
        Assert.Equal(id, Assert.IsType<LookupResult.Found>(result).Post.RemoteId);
        Assert.Equal(3, Server.TimelineRequests);
    }

    [Fact]
    public async Task LookupAsync_PostFromBeforeTheDueTime_IsNotSearched()
    {
        // Arrange: the same text went out a day before this post fell due (an older story): not this post.
        Server.Seed("Daily briefing", ChannelTestHost.Start.AddDays(-1));

        // Act
        var result = await Channel.LookupAsync(Post(4, "Daily briefing"), CancellationToken.None);

        // Assert
        Assert.IsType<LookupResult.NotFound>(result);
    }

    [Fact]
    public async Task LookupAsync_TimelineRateLimited_UnavailableUntilTheResetNeverNotFound()
    {
        // Arrange
        Server.LimitReads("users/tweets", 900, 0);

        // Act
        var result = await Channel.LookupAsync(Post(5, "Anything"), CancellationToken.None);

        // Assert
        var unavailable = Assert.IsType<LookupResult.Unavailable>(result);
        Assert.Equal(ChannelTestHost.Start + Server.Window, unavailable.NotBefore);
    }

    [Fact]
    public async Task LookupAsync_ServerError_Unavailable()
    {
        // Arrange
        Server.ReadFaults.Enqueue(async context =>
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("""{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}""");
            return true;
        });

        // Act
        var result = await Channel.LookupAsync(Post(6, "Anything"), CancellationToken.None);

        // Assert
        Assert.IsType<LookupResult.Unavailable>(result);
    }

    [Fact]
    public async Task LookupAsync_TwoLookups_AsksForTheAccountIdOnce()
    {
        // Act
        await Channel.LookupAsync(Post(7, "First"), CancellationToken.None);
        await Channel.LookupAsync(Post(8, "Second"), CancellationToken.None);

        // Assert
        Assert.Equal(1, Server.MeRequests);
        Assert.Equal(2, Server.TimelineRequests);
    }

    private static OutgoingPost Post(long id, string text) => XTestPosts.Post(id, text) with { DueAt = ChannelTestHost.Start };
}
