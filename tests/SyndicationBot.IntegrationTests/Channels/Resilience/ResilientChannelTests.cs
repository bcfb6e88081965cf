using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Channels.Webhook;
using SyndicationBot.Channels.X;
using SyndicationBot.IntegrationTests.Contract;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Channels.Mastodon;
using SyndicationBot.Tests.Channels.Resilience;
using SyndicationBot.Tests.Channels.X;
using SyndicationBot.Tests.Contract;
using Xunit;

namespace SyndicationBot.IntegrationTests.Channels.Resilience;

public sealed class ResilientChannelTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider time = new(ChannelTestHost.Start);
    private FakeXServer? x;
    private FakeMastodonServer? mastodon;

    public async Task InitializeAsync()
    {
        x = await FakeXServer.StartAsync(time);
        mastodon = await FakeMastodonServer.StartAsync(time);
    }

    public async Task DisposeAsync()
    {
        await x!.DisposeAsync();
        await mastodon!.DisposeAsync();
    }

    [Fact]
    public async Task AddChannelResilience_AfterTheChannels_WrapsEveryChannelKeepingItsIdentity()
    {
        // Arrange
        await using var host = CreateHost();

        // Act
        var channels = host.Services.GetServices<IChannel>().ToList();

        // Assert
        Assert.All(channels, c => Assert.IsType<ResilientChannel>(c));
        Assert.Equal(["x", "mastodon", "webhook"], channels.Select(c => c.Name));
        Assert.Equal([DeliveryGuarantee.Lookup, DeliveryGuarantee.Idempotent, DeliveryGuarantee.None], channels.Select(c => c.Guarantee));
    }

    [Fact]
    public async Task PublishAsync_MastodonTransient503_RetriedInPipelineAndPublishedOnce()
    {
        // Arrange
        await using var host = CreateHost();
        mastodon!.InjectStatus(503, """{"error":"There was a temporary problem serving your request, please try again"}""");

        // Act
        var result = await time.DriveAsync(Channel(host, "mastodon").PublishAsync(MastodonTestPosts.Post(1, "retry me"), CancellationToken.None), Step, Quiet(host));

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(2, mastodon.StatusRequests);
        Assert.Single(mastodon.Statuses);
    }

    [Fact]
    public async Task PublishAsync_MastodonRateLimitResetInTwoSeconds_WaitsOnTheClockThenPublishes()
    {
        // Arrange
        await using var host = CreateHost();
        var reset = ChannelTestHost.Start + TimeSpan.FromSeconds(2);
        mastodon!.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["X-RateLimit-Reset"] = reset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("""{"error":"Too many requests"}""");
            return true;
        });

        // Act
        var result = await time.DriveAsync(Channel(host, "mastodon").PublishAsync(MastodonTestPosts.Post(2, "after the reset"), CancellationToken.None), Step, Quiet(host));

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.True(time.GetUtcNow() >= reset);
        Assert.Equal(2, mastodon.StatusRequests);
    }

    [Fact]
    public async Task PublishAsync_MastodonRateLimitResetInMinutes_HandedBackToTheLedgerUnwaited()
    {
        // Arrange
        await using var host = CreateHost();
        mastodon!.LimitWindow(0, TimeSpan.FromMinutes(5));

        // Act
        var result = await Channel(host, "mastodon").PublishAsync(MastodonTestPosts.Post(3, "later"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromMinutes(5), retry.NotBefore);
        Assert.Equal(1, mastodon.StatusRequests);
        Assert.Equal(ChannelTestHost.Start, time.GetUtcNow());
    }

    [Fact]
    public async Task PublishAsync_XTransient503_NeverResentInPipeline()
    {
        // Arrange
        await using var host = CreateHost();
        x!.InjectStatus(503, "{}");

        // Act
        var result = await Channel(host, "x").PublishAsync(XTestPosts.Post(4, "no blind resend"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
        Assert.Equal(1, x.TweetRequests);
    }

    [Fact]
    public async Task PublishAsync_XAttemptTimesOut_UnknownOutcomeAndNoResend()
    {
        // Arrange
        await using var host = CreateHost([new("Channels:X:Resilience:AttemptTimeout", "00:00:05")]);
        x!.InjectHang();

        // Act
        var result = await time.DriveAsync(Channel(host, "x").PublishAsync(XTestPosts.Post(5, "hangs"), CancellationToken.None), TimeSpan.FromSeconds(1), Quiet(host));

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
        Assert.Equal(1, x.TweetRequests);
        Assert.Empty(x.PostedTexts);
    }

    [Fact]
    public async Task PublishAsync_MastodonAttemptTimesOut_ResentWithTheSameKeyAndPublishedOnce()
    {
        // Arrange
        await using var host = CreateHost([new("Channels:Mastodon:Resilience:AttemptTimeout", "00:00:05")]);
        mastodon!.InjectHang();

        // Act
        var result = await time.DriveAsync(Channel(host, "mastodon").PublishAsync(MastodonTestPosts.Post(6, "slow"), CancellationToken.None), TimeSpan.FromSeconds(1), Quiet(host));

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(2, mastodon.StatusRequests);
        Assert.Single(mastodon.Statuses);
    }

    [Fact]
    public async Task PublishAsync_ProactiveWindowFull_RetryLaterAtWindowEndWithoutCallingTheNetwork()
    {
        // Arrange
        await using var host = CreateHost([new("Channels:X:Resilience:PermitsPerWindow", "2"), new("Channels:X:Resilience:Window", "00:15:00")]);
        var channel = Channel(host, "x");
        await channel.PublishAsync(XTestPosts.Post(7, "one"), CancellationToken.None);
        await channel.PublishAsync(XTestPosts.Post(8, "two"), CancellationToken.None);

        // Act
        var limited = await channel.PublishAsync(XTestPosts.Post(9, "three"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(15));
        var nextWindow = await channel.PublishAsync(XTestPosts.Post(9, "three"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(limited);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromMinutes(15), retry.NotBefore);
        Assert.IsType<PublishResult.Published>(nextWindow);
        Assert.Equal(3, x!.TweetRequests);
    }

    [Fact]
    public async Task PublishAsync_OneNetworkKeepsFailing_ItsCircuitOpensAndTheOtherChannelIsUntouched()
    {
        // Arrange
        var failing = new StubChannel("facebook", DeliveryGuarantee.None, _ => new PublishResult.RetryLater("503", null));
        var healthy = new StubChannel("telegram", DeliveryGuarantee.None, n => new PublishResult.Published(n.ToString(CultureInfo.InvariantCulture), null));
        await using var host = ChannelTestHost.Create([], services => services.AddSingleton<IChannel>(failing).AddSingleton<IChannel>(healthy).AddChannelResilience(), time);
        var channels = host.Services.GetServices<IChannel>().ToDictionary(c => c.Name);

        // Act
        for (var i = 0; i < 10; i++)
        {
            await channels["facebook"].PublishAsync(XTestPosts.Post(i, "f"), CancellationToken.None);
        }

        var refused = await channels["facebook"].PublishAsync(XTestPosts.Post(99, "f"), CancellationToken.None);
        var other = await channels["telegram"].PublishAsync(XTestPosts.Post(100, "t"), CancellationToken.None);

        // Assert
        Assert.Equal(5, failing.Calls);
        var retry = Assert.IsType<PublishResult.RetryLater>(refused);
        Assert.StartsWith("circuit open", retry.Reason, StringComparison.Ordinal);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromSeconds(30), retry.NotBefore);
        Assert.IsType<PublishResult.Published>(other);
        Assert.Equal(CircuitState.Open, ((ResilientChannel)channels["facebook"]).Circuit);
        Assert.Equal(CircuitState.Closed, ((ResilientChannel)channels["telegram"]).Circuit);
    }

    [Fact]
    public async Task PublishAsync_RevokedXToken_PausesOnlyXAndNeverOpensTheCircuit()
    {
        // Arrange
        await using var host = CreateHost();
        x!.Revoked = true;

        // Act
        List<PublishResult> xResults = [];
        for (var i = 0; i < 8; i++)
        {
            xResults.Add(await Channel(host, "x").PublishAsync(XTestPosts.Post(200 + i, $"x {i}"), CancellationToken.None));
        }

        var onMastodon = await Channel(host, "mastodon").PublishAsync(MastodonTestPosts.Post(300, "still fine"), CancellationToken.None);

        // Assert
        Assert.All(xResults, r => Assert.IsType<PublishResult.AuthFailed>(r));
        Assert.Equal(8, x.TweetRequests);
        Assert.IsType<PublishResult.Published>(onMastodon);
        Assert.Equal(CircuitState.Closed, ((ResilientChannel)Channel(host, "x")).Circuit);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error && r.Message.Contains("x refused the credentials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Options_RetryAttemptsOutOfRange_FailsNamingTheKey()
    {
        // Arrange
        await using var host = CreateHost([new("Channels:Mastodon:Resilience:MaxRetryAttempts", "11")]);

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => host.Get<IOptionsMonitor<ChannelResilienceOptions>>().Get("mastodon"));

        // Assert
        Assert.Equal("Channels:mastodon:Resilience:MaxRetryAttempts must be between 0 and 10 (got 11).", exception.Message);
    }

    [Fact]
    public async Task Options_NoOverride_DocumentedNetworkLimitsApply()
    {
        // Arrange
        await using var host = CreateHost();
        var monitor = host.Get<IOptionsMonitor<ChannelResilienceOptions>>();

        // Act
        var forX = monitor.Get("x");
        var forMastodon = monitor.Get("mastodon");

        // Assert
        Assert.Equal((100, TimeSpan.FromMinutes(15)), (forX.PermitsPerWindow, forX.Window));
        Assert.Equal((300, TimeSpan.FromHours(3)), (forMastodon.PermitsPerWindow, forMastodon.Window));
    }

    private static IChannel Channel(ChannelTestHost host, string name) => host.Services.GetServices<IChannel>().Single(c => c.Name == name);

    private ChannelTestHost CreateHost(IEnumerable<KeyValuePair<string, string?>>? extra = null) =>
        ChannelTestHost.Create(
            [
                new("Channels:X:Enabled", "true"),
                new("Channels:X:BaseUrl", x!.BaseAddress.ToString()),
                new("Channels:X:ConsumerKey", FakeXServer.ConsumerKey),
                new("Channels:X:ConsumerSecret", FakeXServer.ConsumerSecret),
                new("Channels:X:AccessToken", FakeXServer.AccessToken),
                new("Channels:X:AccessTokenSecret", FakeXServer.AccessTokenSecret),
                new("Channels:Mastodon:Enabled", "true"),
                new("Channels:Mastodon:BaseUrl", mastodon!.BaseAddress.ToString()),
                new("Channels:Mastodon:AccessToken", FakeMastodonServer.Token),
                .. extra ?? [],
            ],
            services => services.AddXChannel().AddMastodonChannel().AddWebhookChannel().AddChannelResilience(),
            time);

    // The clock moves only while every open request of the channels is one the servers hold open on purpose.
    private Func<bool> Quiet(ChannelTestHost host) => () => host.OpenRequests.Count <= x!.Hanging.Count + mastodon!.Hanging.Count;
}
