using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Channels.X;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Contract;
using Xunit;
using static SyndicationBot.Tests.Channels.X.XTestPosts;

namespace SyndicationBot.Tests.Channels.X;

public sealed class XChannelTests : IAsyncLifetime, IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("x-channel-").FullName;
    private ChannelTestHost? host;
    private FakeXServer? server;

    private FakeXServer Server => server!;

    public async Task InitializeAsync()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ChannelTestHost.Start);
        server = await FakeXServer.StartAsync(time);
        host = CreateHost(time, OAuth1Settings());
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    [Fact]
    public async Task PublishAsync_SignedPost_ReturnsRemoteIdAndUrl()
    {
        // Arrange
        var channel = host!.Get<XChannel>();

        // Act
        var result = await channel.PublishAsync(Post(1, "Hello from the bot https://example.com/a"), CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Matches("^[0-9]{1,19}$", published.RemoteId);
        Assert.Equal(new Uri($"https://x.com/i/web/status/{published.RemoteId}"), published.Url);
        Assert.Equal(["Hello from the bot https://example.com/a"], Server.PostedTexts);
    }

    [Fact]
    public async Task PublishAsync_WrongConsumerSecret_ServerRejectsSignatureAsAuthFailed()
    {
        // Arrange
        await using var wrong = CreateHost(host!.Time, OAuth1Settings(consumerSecret: "not-the-secret"));

        // Act
        var result = await wrong.Get<XChannel>().PublishAsync(Post(2, "Signed with the wrong key"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.Empty(Server.PostedTexts);
    }

    [Fact]
    public async Task PublishAsync_Thread_RepliesChainToThePreviousPost()
    {
        // Arrange
        var draft = Draft("Part one") with { ThreadReplies = [Draft("Part two"), Draft("Part three")] };

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(new OutgoingPost(3, "k3", 1, draft), CancellationToken.None);

        // Assert
        var root = Assert.IsType<PublishResult.Published>(result);
        var replies = Server.Replies.ToArray();
        Assert.Equal(2, replies.Length);
        Assert.Equal(root.RemoteId, replies[0]);
        Assert.Equal((long.Parse(root.RemoteId, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), replies[1]);
    }

    [Fact]
    public async Task PublishAsync_SameTextTwice_ReturnsDuplicateWithTheNetworksMessage()
    {
        // Arrange
        var channel = host!.Get<XChannel>();
        await channel.PublishAsync(Post(4, "Same words"), CancellationToken.None);

        // Act
        var result = await channel.PublishAsync(Post(5, "Same words"), CancellationToken.None);

        // Assert
        var duplicate = Assert.IsType<PublishResult.Duplicate>(result);
        Assert.Contains("duplicate content", duplicate.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_TextOver280_ReturnsRejectedWithTheNetworksMessage()
    {
        // Arrange
        var channel = host!.Get<XChannel>();

        // Act: 141 CJK characters weigh 282.
        var result = await channel.PublishAsync(Post(6, new string('漢', 141)), CancellationToken.None);

        // Assert
        var rejected = Assert.IsType<PublishResult.Rejected>(result);
        Assert.Equal("X 400: Your Tweet text is too long.", rejected.Reason);
    }

    [Fact]
    public async Task PublishAsync_WindowExhausted_RetryLaterAtTheResetHeaderThenSucceedsAfterIt()
    {
        // Arrange
        Server.LimitWindow(1);
        var channel = host!.Get<XChannel>();
        await channel.PublishAsync(Post(7, "first in window"), CancellationToken.None);

        // Act
        var limited = await channel.PublishAsync(Post(8, "second in window"), CancellationToken.None);
        host.Time.Advance(TimeSpan.FromMinutes(15));
        var afterReset = await channel.PublishAsync(Post(8, "second in window"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(limited);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromMinutes(15), retry.NotBefore);
        Assert.IsType<PublishResult.Published>(afterReset);
    }

    [Fact]
    public async Task PublishAsync_DailyUserCapExhausted_WaitsForTheDailyReset()
    {
        // Arrange
        Server.DailyUserRemaining = 0;

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(Post(9, "capped"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromHours(24), retry.NotBefore);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task PublishAsync_ServerError_ReturnsTransientRetryLater(int status)
    {
        // Arrange
        Server.InjectStatus(status, """{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}""");

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(Post(10, "during an outage"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.False(retry.RateLimited);
    }

    [Fact]
    public async Task PublishAsync_ReadOnlyApp_PausesChannelAsAuthFailed()
    {
        // Arrange
        Server.InjectStatus(403, """{"title":"Forbidden","detail":"Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.","type":"https://api.twitter.com/2/problems/oauth1-permissions","status":403}""");

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(Post(11, "read only"), CancellationToken.None);

        // Assert
        var failed = Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.Contains("oauth1 app permissions", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_RevokedToken_ReturnsAuthFailed()
    {
        // Arrange
        Server.Revoked = true;

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(Post(12, "revoked"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.AuthFailed>(result);
    }

    [Fact]
    public async Task PublishAsync_RateLimitResetOf1e30_RetryLaterAtTheDefaultWaitNeverUnknown()
    {
        // Arrange: the header parser used to throw here, and X cannot dedupe, so the post went in doubt.
        Server.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["x-rate-limit-reset"] = "1e30";
            await context.Response.WriteAsync("""{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""");
            return true;
        });

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(Post(14, "absurd reset"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromMinutes(1), retry.NotBefore);
    }

    [Fact]
    public async Task PublishAsync_ConnectionResetAfterSending_ReturnsUnknownNotRetry()
    {
        // Arrange
        Server.InjectFault(context =>
        {
            context.Abort();
            return Task.FromResult(true);
        });

        // Act
        var result = await host!.Get<XChannel>().PublishAsync(Post(13, "reset"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
        Assert.Equal(1, Server.TweetRequests);
    }

    [Fact]
    public async Task PublishAsync_OAuth2_RefreshesAndPersistsRotatedTokenOwnerOnly()
    {
        // Arrange
        Server.ValidRefreshToken = "seed-refresh-token";
        await using var oauth2 = CreateHost(host!.Time, OAuth2Settings("seed-refresh-token"));

        // Act
        var result = await oauth2.Get<XChannel>().PublishAsync(Post(14, "via oauth2"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        var tokenFile = Path.Combine(dataDirectory, "x-token.json");
        Assert.Contains(Server.ValidRefreshToken, File.ReadAllText(tokenFile), StringComparison.Ordinal);
        Assert.DoesNotContain("seed-refresh-token", File.ReadAllText(tokenFile), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }
    }

    [Fact]
    public async Task PublishAsync_OAuth2ConfidentialClient_RefreshesWithBasicAuth()
    {
        // Arrange
        Server.ValidRefreshToken = "seed-refresh-token";
        await using var oauth2 = CreateHost(host!.Time, [.. OAuth2Settings("seed-refresh-token"), new("Channels:X:ClientSecret", FakeXServer.ClientSecret)]);

        // Act
        var result = await oauth2.Get<XChannel>().PublishAsync(Post(26, "confidential client"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.DoesNotContain(FakeXServer.ClientSecret, oauth2.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_OAuth2ConfidentialClientWrongSecret_AuthFailed()
    {
        // Arrange
        Server.ValidRefreshToken = "seed-refresh-token";
        await using var oauth2 = CreateHost(host!.Time, [.. OAuth2Settings("seed-refresh-token"), new("Channels:X:ClientSecret", "wrong")]);

        // Act
        var result = await oauth2.Get<XChannel>().PublishAsync(Post(27, "wrong client secret"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.Equal(0, Server.TweetRequests);
    }

    [Fact]
    public async Task PublishAsync_OAuth2AfterRestartAndExpiry_UsesTheRotatedTokenFromTheFile()
    {
        // Arrange: the configured seed is dead once rotated; a restarted bot must read the file.
        Server.ValidRefreshToken = "seed-refresh-token";
        await using (var first = CreateHost(host!.Time, OAuth2Settings("seed-refresh-token")))
        {
            await first.Get<XChannel>().PublishAsync(Post(15, "before restart"), CancellationToken.None);
        }

        host.Time.Advance(TimeSpan.FromHours(3));
        await using var restarted = CreateHost(host.Time, OAuth2Settings("seed-refresh-token"));

        // Act
        var result = await restarted.Get<XChannel>().PublishAsync(Post(16, "after restart"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(2, Server.TokenRequests);
    }

    [Fact]
    public async Task PublishAsync_OAuth2AccessTokenRevoked_RefreshesOnceAndSends()
    {
        // Arrange
        Server.ValidRefreshToken = "seed-refresh-token";
        await using var oauth2 = CreateHost(host!.Time, OAuth2Settings("seed-refresh-token"));
        var channel = oauth2.Get<XChannel>();
        await channel.PublishAsync(Post(17, "first"), CancellationToken.None);
        Server.ValidAccessTokens.Clear();

        // Act
        var result = await channel.PublishAsync(Post(18, "second"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(2, Server.TokenRequests);
    }

    [Fact]
    public async Task PublishAsync_OAuth2RefreshTokenRevoked_ReturnsAuthFailed()
    {
        // Arrange
        Server.ValidRefreshToken = "some-other-token";
        await using var oauth2 = CreateHost(host!.Time, OAuth2Settings("seed-refresh-token"));

        // Act
        var result = await oauth2.Get<XChannel>().PublishAsync(Post(19, "no token"), CancellationToken.None);

        // Assert
        var failed = Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.Contains("Value passed for the token was invalid.", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, Server.TweetRequests);
    }

    [Fact]
    public async Task PublishAsync_OAuth2TokenEndpointUnreachable_RetryLaterWithoutSending()
    {
        // Arrange: a refresh that cannot reach X must not surface as an exception nor as an unknown outcome.
        var closed = new Uri("http://127.0.0.1:9/");
        await using var oauth2 = ChannelTestHost.Create(
            [new("Channels:X:BaseUrl", closed.ToString()), .. OAuth2Settings("seed-refresh-token")],
            services => services.AddXChannel(),
            host!.Time);

        // Act
        var result = await oauth2.Get<XChannel>().PublishAsync(Post(25, "unreachable"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Fact]
    public async Task PublishAsync_SecretFromFileOption_SignsWithTheFileContent()
    {
        // Arrange
        var secretFile = Path.Combine(dataDirectory, "consumer_secret");
        await File.WriteAllTextAsync(secretFile, FakeXServer.ConsumerSecret + "\n");
        var settings = OAuth1Settings().Where(s => s.Key != "Channels:X:ConsumerSecret").Append(new("Channels:X:ConsumerSecretFile", secretFile));
        await using var fromFile = CreateHost(host!.Time, settings);

        // Act
        var result = await fromFile.Get<XChannel>().PublishAsync(Post(20, "secret from a file"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
    }

    [Fact]
    public async Task Options_EnabledWithoutConsumerSecret_FailsNamingTheKey()
    {
        // Arrange
        await using var missing = CreateHost(host!.Time, OAuth1Settings().Where(s => s.Key != "Channels:X:ConsumerSecret"));

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => missing.Get<IOptions<XOptions>>().Value);

        // Assert
        Assert.Equal(
            "Channels:X:ConsumerSecret is required when Channels:X:Enabled is true and Channels:X:Auth is OAuth1 (set the environment variable Channels__X__ConsumerSecret, the option Channels:X:ConsumerSecretFile, or the file /run/secrets/x_consumer_secret).",
            exception.Message);
    }

    [Fact]
    public async Task Options_DisabledWithoutCredentials_IsValidAndChannelReportsDisabled()
    {
        // Arrange
        await using var disabled = CreateHost(host!.Time, [new("Channels:X:Enabled", "false")]);

        // Act
        var channel = disabled.Services.GetServices<IChannel>().Single();

        // Assert
        Assert.False(channel.Enabled);
        Assert.Equal("x", channel.Name);
        Assert.Equal(DeliveryGuarantee.Lookup, channel.Guarantee);
    }

    [Fact]
    public async Task Logs_AfterSuccessAndFailures_ContainNoConfiguredSecret()
    {
        // Arrange
        Server.ValidRefreshToken = "seed-refresh-token";
        await using var oauth2 = CreateHost(host!.Time, OAuth2Settings("seed-refresh-token"));
        var channel = host.Get<XChannel>();
        Server.InjectStatus(503, "{}");

        // Act
        await channel.PublishAsync(Post(21, "one"), CancellationToken.None);
        await channel.PublishAsync(Post(22, "two"), CancellationToken.None);
        await oauth2.Get<XChannel>().PublishAsync(Post(23, "three"), CancellationToken.None);
        Server.Revoked = true;
        await channel.PublishAsync(Post(24, "four"), CancellationToken.None);

        // Assert
        var logs = host.AllLogText() + oauth2.AllLogText() + host.Get<IOptions<XOptions>>().Value;
        Assert.Contains("Post 22 published on x", logs, StringComparison.Ordinal);
        foreach (var secret in (string[])[FakeXServer.ConsumerSecret, FakeXServer.AccessToken, FakeXServer.AccessTokenSecret, FakeXServer.ConsumerKey, "seed-refresh-token", .. Server.ValidAccessTokens, Server.ValidRefreshToken!])
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    private ChannelTestHost CreateHost(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, IEnumerable<KeyValuePair<string, string?>> settings) =>
        ChannelTestHost.Create([new("Channels:X:BaseUrl", Server.BaseAddress.ToString()), .. settings], services => services.AddXChannel(), time);

    private static List<KeyValuePair<string, string?>> OAuth1Settings(string consumerSecret = FakeXServer.ConsumerSecret) =>
    [
        new("Channels:X:Enabled", "true"),
        new("Channels:X:ConsumerKey", FakeXServer.ConsumerKey),
        new("Channels:X:ConsumerSecret", consumerSecret),
        new("Channels:X:AccessToken", FakeXServer.AccessToken),
        new("Channels:X:AccessTokenSecret", FakeXServer.AccessTokenSecret),
    ];

    private List<KeyValuePair<string, string?>> OAuth2Settings(string refreshToken) =>
    [
        new("Channels:X:Enabled", "true"),
        new("Channels:X:Auth", "OAuth2"),
        new("Channels:X:ClientId", FakeXServer.ClientId),
        new("Channels:X:RefreshToken", refreshToken),
        new("Channels:X:TokenFile", Path.Combine(dataDirectory, "x-token.json")),
    ];
}
