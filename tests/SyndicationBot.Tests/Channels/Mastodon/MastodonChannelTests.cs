using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Contract;
using Xunit;
using static SyndicationBot.Tests.Channels.Mastodon.MastodonTestPosts;

namespace SyndicationBot.Tests.Channels.Mastodon;

public sealed class MastodonChannelTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(ChannelTestHost.Start);
    private ChannelTestHost? host;
    private FakeMastodonServer? server;

    private FakeMastodonServer Server => server!;

    private MastodonChannel Channel => host!.Get<MastodonChannel>();

    public async Task InitializeAsync()
    {
        server = await FakeMastodonServer.StartAsync(time);
        host = CreateHost(Settings());
    }

    public async Task DisposeAsync()
    {
        await host!.DisposeAsync();
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task PublishAsync_ValidPost_ReturnsStatusIdAndUrlWithLanguageAndVisibility()
    {
        // Arrange
        var post = Post(1, "Bonjour à tous https://example.com/article", "fr");

        // Act
        var result = await Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(new Uri(Server.BaseAddress, $"@bot/{published.RemoteId}"), published.Url);
        var status = Assert.Single(Server.Statuses);
        Assert.Equal("fr", (string?)status["language"]);
        Assert.Equal("unlisted", (string?)status["visibility"]);
    }

    [Fact]
    public async Task PublishAsync_SamePostTwice_IdempotencyKeyReplaysTheSameStatus()
    {
        // Arrange
        var post = Post(2, "Only once");

        // Act
        var first = await Channel.PublishAsync(post, CancellationToken.None);
        var second = await Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.Equal(first, second);
        Assert.Single(Server.Statuses);
        Assert.Equal(2, Server.StatusRequests);
    }

    [Fact]
    public async Task PublishAsync_DifferentPostsSameText_CreatesTwoStatuses()
    {
        // Arrange, Act
        await Channel.PublishAsync(Post(3, "Same text"), CancellationToken.None);
        await Channel.PublishAsync(Post(4, "Same text"), CancellationToken.None);

        // Assert
        Assert.Equal(2, Server.Statuses.Count);
    }

    [Fact]
    public async Task PublishAsync_Thread_ChainsRepliesWithTheirOwnKeys()
    {
        // Arrange
        var draft = Draft("Root", "en") with { ThreadReplies = [Draft("Reply one", "en"), Draft("Reply two", "en")] };

        // Act
        var result = await Channel.PublishAsync(new OutgoingPost(5, "article-5:mastodon", 1, draft), CancellationToken.None);

        // Assert
        var root = Assert.IsType<PublishResult.Published>(result);
        var byId = Server.Statuses.ToDictionary(s => (string)s["id"]!);
        Assert.Equal(3, byId.Count);
        var replyOne = byId.Values.Single(s => (string?)s["in_reply_to_id"] == root.RemoteId);
        Assert.Contains(byId.Values, s => (string?)s["in_reply_to_id"] == (string)replyOne["id"]!);
    }

    [Fact]
    public async Task PublishAsync_LongerThanInstanceLimit_RejectedWithoutSending()
    {
        // Arrange
        Server.MaxCharacters = 100;
        var text = new string('a', 101);

        // Act
        var result = await Channel.PublishAsync(Post(6, text), CancellationToken.None);

        // Assert
        var rejected = Assert.IsType<PublishResult.Rejected>(result);
        Assert.Equal("Mastodon: the post is 101 characters; this instance allows 100.", rejected.Reason);
        Assert.Equal(100, Channel.MaxCharacters);
        Assert.Equal(0, Server.StatusRequests);
    }

    [Fact]
    public async Task PublishAsync_ServerValidationFails_RejectedWithTheServersMessage()
    {
        // Arrange: the draft claims a length the server disagrees with.
        var post = new OutgoingPost(7, "article-7:mastodon", 1, new PostDraft("mastodon", "   ", 1, 500));

        // Act
        var result = await Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        var rejected = Assert.IsType<PublishResult.Rejected>(result);
        Assert.Equal("Mastodon 422: Validation failed: Text can't be blank", rejected.Reason);
    }

    [Fact]
    public async Task PublishAsync_RateLimited_RetryLaterAtIso8601ResetThenPublishesAfterIt()
    {
        // Arrange
        Server.LimitWindow(1, TimeSpan.FromMinutes(5));
        await Channel.PublishAsync(Post(8, "first"), CancellationToken.None);

        // Act
        var limited = await Channel.PublishAsync(Post(9, "second"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        var later = await Channel.PublishAsync(Post(9, "second"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(limited);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromMinutes(5), retry.NotBefore);
        Assert.Equal("Mastodon 429: Too many requests", retry.Reason);
        Assert.IsType<PublishResult.Published>(later);
    }

    [Fact]
    public async Task PublishAsync_EpochSecondsResetLikeGoToSocial_ParsedAsInstant()
    {
        // Arrange
        var reset = ChannelTestHost.Start + TimeSpan.FromMinutes(7);
        Server.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("""{"error":"Too many requests"}""");
            return true;
        });

        // Act
        var result = await Channel.PublishAsync(Post(10, "gts"), CancellationToken.None);

        // Assert
        Assert.Equal(reset, Assert.IsType<PublishResult.RetryLater>(result).NotBefore);
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("99999999999999")]
    public async Task PublishAsync_ResetThatIsNoInstant_RateLimitedWithTheDefaultWaitInsteadOfThrowing(string header)
    {
        // Arrange
        Server.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["X-RateLimit-Reset"] = header;
            await context.Response.WriteAsync("""{"error":"Too many requests"}""");
            return true;
        });

        // Act
        var result = await Channel.PublishAsync(Post(12, "absurd reset"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start + TimeSpan.FromMinutes(5), retry.NotBefore);
    }

    [Fact]
    public async Task PublishAsync_RetryAfterOfTenYears_PassedOnForTheDispatcherToCap()
    {
        // Arrange
        Server.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "315360000";
            await context.Response.WriteAsync("""{"error":"Too many requests"}""");
            return true;
        });

        // Act
        var result = await Channel.PublishAsync(Post(13, "ten years"), CancellationToken.None);

        // Assert
        Assert.Equal(ChannelTestHost.Start.AddSeconds(315360000), Assert.IsType<PublishResult.RetryLater>(result).NotBefore);
    }

    [Fact]
    public async Task PublishAsync_RevokedToken_AuthFailedWithTheServersMessage()
    {
        // Arrange
        Server.Revoked = true;

        // Act
        var result = await Channel.PublishAsync(Post(11, "revoked"), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.AuthFailed("Mastodon 401: The access token is invalid"), result);
    }

    [Fact]
    public async Task PublishAsync_ServiceUnavailable_TransientRetryLater()
    {
        // Arrange
        Server.InjectStatus(503, """{"error":"There was a temporary problem serving your request, please try again"}""");

        // Act
        var result = await Channel.PublishAsync(Post(12, "outage"), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.False(retry.RateLimited);
        Assert.Null(retry.NotBefore);
    }

    [Fact]
    public async Task PublishAsync_ConnectionResetAfterSending_RetryLaterBecauseTheKeyDedupes()
    {
        // Arrange
        Server.InjectFault(context =>
        {
            context.Abort();
            return Task.FromResult(true);
        });

        // Act
        var result = await Channel.PublishAsync(Post(13, "reset"), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Fact]
    public async Task Options_EnabledWithoutToken_FailsNamingTheKey()
    {
        // Arrange
        await using var missing = CreateHost(Settings().Where(s => s.Key != "Channels:Mastodon:AccessToken"));

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => missing.Get<IOptions<MastodonOptions>>().Value);

        // Assert
        Assert.Equal(
            "Channels:Mastodon:AccessToken is required when Channels:Mastodon:Enabled is true (set the environment variable Channels__Mastodon__AccessToken, the option Channels:Mastodon:AccessTokenFile, or the file /run/secrets/mastodon_access_token).",
            exception.Message);
    }

    [Fact]
    public async Task Options_BadVisibility_FailsNamingTheKey()
    {
        // Arrange
        await using var bad = CreateHost([.. Settings().Where(s => s.Key != "Channels:Mastodon:Visibility"), new("Channels:Mastodon:Visibility", "everyone")]);

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => bad.Get<IOptions<MastodonOptions>>().Value);

        // Assert
        Assert.Contains("Channels:Mastodon:Visibility must be public, unlisted, private or direct.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_AfterPublishingAndFailures_ContainNoToken()
    {
        // Arrange
        Server.InjectStatus(503, "{}");

        // Act
        await Channel.PublishAsync(Post(14, "one"), CancellationToken.None);
        await Channel.PublishAsync(Post(15, "two"), CancellationToken.None);
        Server.Revoked = true;
        await Channel.PublishAsync(Post(16, "three"), CancellationToken.None);

        // Assert
        var logs = host!.AllLogText() + host.Get<IOptions<MastodonOptions>>().Value;
        Assert.Contains("Post 15 published on mastodon", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeMastodonServer.Token, logs, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string?>> Settings() =>
    [
        new("Channels:Mastodon:Enabled", "true"),
        new("Channels:Mastodon:AccessToken", FakeMastodonServer.Token),
        new("Channels:Mastodon:Visibility", "unlisted"),
    ];

    private ChannelTestHost CreateHost(IEnumerable<KeyValuePair<string, string?>> settings) =>
        ChannelTestHost.Create([new("Channels:Mastodon:BaseUrl", Server.BaseAddress.ToString()), .. settings], services => services.AddMastodonChannel(), time);
}
