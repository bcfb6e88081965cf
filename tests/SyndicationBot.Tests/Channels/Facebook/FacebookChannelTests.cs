using SyndicationBot.Channels;
using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Channels.Facebook;

public sealed class FacebookChannelTests : IAsyncLifetime
{
    private const string PageToken = "EAAGm0PX4ZCpsBAContractPageToken0123456789abcdef";
    private const string AppSecret = "5f0c1b2a3d4e5f60718293a4b5c6d7e8";
    private FacebookContractServer server = null!;

    public async Task InitializeAsync() => server = await FacebookContractServer.StartAsync(PageToken, AppSecret);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task PublishAsync_MessageWithLink_ReturnsPostIdAndFacebookUrl()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post(Draft("Élections : les résultats du second tour.", new Uri("https://example.org/a/1")));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Published("1647395831_1", new Uri("https://www.facebook.com/1647395831_1")), result);
        var (message, link) = Assert.Single(server.Posts);
        Assert.Equal("Élections : les résultats du second tour.", message);
        Assert.Equal("https://example.org/a/1", link);
    }

    [Fact]
    public async Task PublishAsync_Always_SendsTheProofInTheQueryAndKeepsThePageTokenOutOfTheUrl()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        await host.Channel.PublishAsync(Post(Draft("Where is the token?")), CancellationToken.None);

        // Assert
        var target = Assert.Single(server.RequestTargets);
        Assert.Equal("/v23.0/1647395831/feed?appsecret_proof=" + SyndicationBot.Channels.Facebook.FacebookAppSecretProof.Compute(AppSecret, PageToken), target);
        Assert.DoesNotContain(PageToken, target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_NoLink_SendsTheMessageAlone()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Just words")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Null(Assert.Single(server.Posts).Link);
    }

    [Fact]
    public async Task PublishAsync_PageTokenRevoked_ReturnsAuthFailedWithGraphCode190()
    {
        // Arrange
        using var host = CreateHost();
        server.PageToken = "EAAGrotatedTokenAfterPasswordChange";

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        var auth = Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.StartsWith("Graph error 190/460: Error validating access token", auth.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Posts);
    }

    [Fact]
    public async Task PublishAsync_WrongAppSecret_ServerRejectsTheProofAndTheChannelPauses()
    {
        // Arrange
        using var host = new FacebookTestHost(server.BaseUrl, PageToken, "0000000000000000000000000000000f");

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.AuthFailed("Graph error 100: Invalid appsecret_proof provided in the API argument"), result);
        Assert.Empty(server.Posts);
    }

    [Fact]
    public async Task PublishAsync_SameMessageTwiceInARow_SecondIsDuplicate()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post(Draft("Consecutive", new Uri("https://example.org/dup")));

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(first);
        Assert.Equal(new PublishResult.Duplicate("Graph error 506/1455006: Duplicate status message"), second);
        Assert.Single(server.Posts);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    public async Task PublishAsync_Throttled_ReturnsRetryLaterWhenTheUsageHeaderSaysAccessReturns(int code)
    {
        // Arrange
        using var host = CreateHost();
        host.Time.Advance(TimeSpan.FromHours(5));
        server.ThrottleCode = code;
        server.RegainAccessMinutes = 27;

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Busy")), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(host.Time.GetUtcNow().AddMinutes(27), retry.NotBefore);
        Assert.StartsWith($"Graph error {code}: ", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_ThrottledWithoutRegainEstimate_ReturnsRetryLaterWithoutNotBefore()
    {
        // Arrange
        using var host = CreateHost();
        server.ThrottleCode = 4;
        server.RegainAccessMinutes = 0;

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Busy, no estimate")), CancellationToken.None);

        // Assert
        Assert.Null(Assert.IsType<PublishResult.RetryLater>(result).NotBefore);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task PublishAsync_TransientServerError_ReturnsRetryLaterAndTheRetryPublishes(int fault)
    {
        // Arrange
        using var host = CreateHost();
        server.Faults.Enqueue(fault);
        var post = Post(Draft("Later"));

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(first);
        Assert.False(retry.RateLimited);
        Assert.IsType<PublishResult.Published>(second);
        Assert.Single(server.Posts);
    }

    [Fact]
    public async Task PublishAsync_AnswerLostAfterPosting_ReturnsUnknown()
    {
        // Arrange
        using var host = CreateHost();
        server.Faults.Enqueue(0);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Maybe")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
        Assert.Single(server.Posts);
    }

    [Fact]
    public async Task PublishAsync_GraphUnreachable_ReturnsRetryLater()
    {
        // Arrange
        using var host = new FacebookTestHost(new Uri("http://127.0.0.1:9/"), PageToken, AppSecret);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Offline")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Fact]
    public async Task PublishAsync_UnknownPage_ReturnsRejectedWithGraphsMessage()
    {
        // Arrange
        using var host = new FacebookTestHost(server.BaseUrl, PageToken, AppSecret, pageId: "42");

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Where")), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Rejected("Graph error 100/33: Unsupported post request. Object with ID '42' does not exist"), result);
    }

    [Fact]
    public async Task PublishAsync_EveryOutcome_NeverLogsThePageTokenOrAppSecret()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        await host.Channel.PublishAsync(Post(Draft("one")), CancellationToken.None);
        await host.Channel.PublishAsync(Post(Draft("one")), CancellationToken.None);
        server.Faults.Enqueue(503);
        await host.Channel.PublishAsync(Post(Draft("two")), CancellationToken.None);
        server.Faults.Enqueue(0);
        await host.Channel.PublishAsync(Post(Draft("three")), CancellationToken.None);
        server.PageToken = "rotated";
        await host.Channel.PublishAsync(Post(Draft("four")), CancellationToken.None);

        // Assert
        var logs = host.Logs.GetSnapshot();
        Assert.Equal(5, logs.Count(l => l.Category?.EndsWith("FacebookChannel", StringComparison.Ordinal) == true));
        foreach (var record in logs)
        {
            var text = $"{record.Message} {string.Join(' ', record.StructuredState?.Select(kv => kv.Value) ?? [])} {record.Exception}";
            Assert.False(text.Contains(PageToken, StringComparison.Ordinal), $"{record.Category}: {text}");
            Assert.False(text.Contains(AppSecret, StringComparison.Ordinal), $"{record.Category}: {text}");
        }
    }

    internal static PostDraft Draft(string text, Uri? link = null) => new("facebook", text, text.Length, 63_206) { Language = "fr", Link = link };

    internal static OutgoingPost Post(PostDraft draft) => new(23, "article-23:facebook", 1, draft);

    private FacebookTestHost CreateHost() => new(server.BaseUrl, PageToken, AppSecret);
}
