using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Tests.Contract;
using Xunit;
using static SyndicationBot.Tests.Channels.Mastodon.MastodonTestPosts;

namespace SyndicationBot.Tests.Channels.Mastodon;

/// <summary>
/// Mastodon past its Idempotency-Key's hour: a resend looks the post up in the account's statuses first; within the
/// hour it relies on the key.
/// </summary>
public sealed class MastodonChannelLookupTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(ChannelTestHost.Start);
    private FakeMastodonServer? server;
    private ChannelTestHost? host;

    private FakeMastodonServer Server => server!;

    private MastodonChannel Channel => host!.Get<MastodonChannel>();

    public async Task InitializeAsync()
    {
        server = await FakeMastodonServer.StartAsync(time);
        host = ChannelTestHost.Create(
            [
                new("Channels:Mastodon:Enabled", "true"),
                new("Channels:Mastodon:BaseUrl", Server.BaseAddress.AbsoluteUri),
                new("Channels:Mastodon:AccessToken", FakeMastodonServer.Token),
            ],
            services => services.AddMastodonChannel(),
            time);
    }

    public async Task DisposeAsync()
    {
        await host!.DisposeAsync();
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task PublishAsync_ResendAfterTheKeysHourWhenTheFirstLanded_FindsItAndCreatesNothing()
    {
        // Arrange: the first attempt landed (its answer lost); two hours later the key is gone.
        var post = Post(1, "Council votes on rents\n\nThe vote is on Tuesday. https://example.org/news/council-votes-on-rents-2026-11-29");
        var first = Assert.IsType<PublishResult.Published>(await Channel.PublishAsync(post, CancellationToken.None));
        time.Advance(TimeSpan.FromHours(2));

        // Act
        var second = await Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.Equal(first, second);
        Assert.Single(Server.Statuses);
        Assert.Equal(1, Server.StatusRequests);
    }

    [Fact]
    public async Task PublishAsync_ResendAfterTheKeysHourWhenNothingLanded_SendsItOnce()
    {
        // Arrange
        time.Advance(TimeSpan.FromHours(2));

        // Act
        var result = await Channel.PublishAsync(Post(2, "Never arrived") with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Single(Server.Statuses);
        Assert.True(Server.LookupRequests >= 2);
    }

    [Fact]
    public async Task PublishAsync_ResendAfterTheKeysHourWhileReadsAreRateLimited_WaitsWithoutSending()
    {
        // Arrange
        time.Advance(TimeSpan.FromHours(2));
        Server.LimitReads(0);

        // Act
        var result = await Channel.PublishAsync(Post(3, "Wait for the lookup") with { Attempt = 2 }, CancellationToken.None);

        // Assert
        var waiting = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(waiting.NotSent);
        Assert.NotNull(waiting.NotBefore);
        Assert.Empty(Server.Statuses);
        Assert.Equal(0, Server.StatusRequests);
    }

    [Fact]
    public async Task PublishAsync_ResendWithinTheKeysHour_ReliesOnTheKeyWithoutALookup()
    {
        // Arrange
        var post = Post(4, "Within the hour");
        await Channel.PublishAsync(post, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(30));

        // Act
        await Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.Single(Server.Statuses);
        Assert.Equal(0, Server.LookupRequests);
    }

    [Fact]
    public async Task LookupAsync_StatusPagesBack_FollowsMaxIdAndStopsAtTheDueTime()
    {
        // Arrange: ours, then 45 later statuses (two pages of 40).
        var ours = Assert.IsType<PublishResult.Published>(await Channel.PublishAsync(Post(5, "Ours & only ours"), CancellationToken.None));
        for (var i = 0; i < 45; i++)
        {
            await Channel.PublishAsync(Post(100 + i, $"Later {i}"), CancellationToken.None);
        }

        // Act
        var found = await Channel.LookupAsync(Post(5, "Ours & only ours"), CancellationToken.None);
        var missing = await Channel.LookupAsync(Post(6, "Not ours"), CancellationToken.None);

        // Assert
        Assert.Equal(ours.RemoteId, Assert.IsType<LookupResult.Found>(found).Post.RemoteId);
        Assert.IsType<LookupResult.NotFound>(missing);
    }

    [Fact]
    public async Task LookupAsync_TokenRevoked_UnavailableNotNotFound()
    {
        // Arrange
        Server.Revoked = true;

        // Act
        var result = await Channel.LookupAsync(Post(7, "Anything"), CancellationToken.None);

        // Assert
        Assert.IsType<LookupResult.Unavailable>(result);
    }
}
