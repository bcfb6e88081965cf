using System.Globalization;
using SyndicationBot.Channels;
using SyndicationBot.Posts;
using Xunit;
using static SyndicationBot.Tests.Channels.Telegram.TelegramTestPosts;

namespace SyndicationBot.Tests.Channels.Telegram;

public sealed class TelegramChannelTests : IAsyncLifetime
{
    private const string Token = "7012345678:AAH-contractTokenForTests_0123456789";
    private TelegramContractServer server = null!;

    public async Task InitializeAsync() => server = await TelegramContractServer.StartAsync(Token);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task PublishAsync_HtmlPostToPublicChannel_ReturnsMessageIdAndTmeUrl()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        var post = Post(Draft("<b>Élections</b> : résultats &amp; analyse <a href=\"https://example.org/a/1\">lire</a>", new Uri("https://example.org/a/1")));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Published("1", new Uri("https://t.me/syndication_news/1")), result);
        var sent = Assert.Single(server.Messages);
        Assert.Equal("@syndication_news", sent.ChatId);
        Assert.Equal(post.Draft.Text, sent.Text);
        Assert.Equal("html", sent.ParseMode, ignoreCase: true);
        Assert.Equal("https://example.org/a/1", sent.LinkPreviewOptions?["url"]?.ToString());
    }

    [Fact]
    public async Task PublishAsync_NumericChannelId_UrlUsesTheChannelUsernameFromTheAnswer()
    {
        // Arrange
        using var host = CreateHost(TelegramContractServer.ChannelId.ToString(CultureInfo.InvariantCulture));

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Published("1", new Uri("https://t.me/syndication_news/1")), result);
        Assert.Equal("-1001234567890", Assert.Single(server.Messages).ChatId);
    }

    [Fact]
    public async Task PublishAsync_PrivateChannel_UrlUsesTheCPathWithoutMinus100()
    {
        // Arrange
        using var host = CreateHost(TelegramContractServer.PrivateChannelId.ToString(CultureInfo.InvariantCulture));

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Published("1", new Uri("https://t.me/c/3333333333/1")), result);
    }

    [Fact]
    public async Task PublishAsync_LinkPreviewDisabled_SendsIsDisabled()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername, s => s["Channels:Telegram:DisableLinkPreview"] = "true");

        // Act
        await host.Channel.PublishAsync(Post(Draft("No preview", new Uri("https://example.org/a/2"))), CancellationToken.None);

        // Assert
        Assert.Equal("true", Assert.Single(server.Messages).LinkPreviewOptions?["is_disabled"]?.ToString());
    }

    [Theory]
    [InlineData("<div>block</div>", "Unsupported start tag \"div\" at byte offset 0")]
    [InlineData("Fish & chips", "Unsupported HTML entity \"& chips\" at byte offset 5")]
    [InlineData("<b>bold <i>both</b></i>", "Unmatched end tag at byte offset 15, expected \"</i>\", found \"</b>\"")]
    public async Task PublishAsync_BadMarkup_ReturnsRejectedWithTelegramsParseError(string html, string detail)
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft(html)), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Rejected($"400 Bad Request: can't parse entities: {detail}"), result);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task PublishAsync_VisibleTextOver4096_ReturnsRejected()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft($"<b>{new string('x', 4097)}</b>")), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Rejected("400 Bad Request: message is too long"), result);
    }

    [Fact]
    public async Task PublishAsync_FloodLimit_ReturnsRetryLaterNotBeforeRetryAfterAndSendsOnce()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        host.Time.Advance(TimeSpan.FromMinutes(3));
        server.RetryAfterSeconds = 35;

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Too fast")), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(35), retry.NotBefore);
        Assert.Equal("429 Too Many Requests: retry after 35", retry.Reason);
        Assert.Equal(1, server.SendMessageCalls);
    }

    [Theory]
    [InlineData(TelegramContractServer.NotMemberChannelId, "403 Forbidden: bot is not a member of the channel chat")]
    [InlineData(TelegramContractServer.NoRightsChannelId, "400 Bad Request: need administrator rights in the channel chat")]
    [InlineData(-1001111111111, "400 Bad Request: chat not found")]
    public async Task PublishAsync_BotCannotPostInTheChat_PausesTheChannelWithTelegramsReason(long chatId, string reason)
    {
        // Arrange
        using var host = CreateHost(chatId.ToString(CultureInfo.InvariantCulture));

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.AuthFailed(reason), result);
    }

    [Fact]
    public async Task PublishAsync_TokenRevoked_ReturnsAuthFailed()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        server.Token = "7012345678:AAH-theNewTokenAfterRevoke_9876543210";

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        var auth = Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.StartsWith("401 Unauthorized", auth.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task PublishAsync_GroupUpgradedToSupergroup_SendsToTheNewIdAndKeepsUsingIt()
    {
        // Arrange
        using var host = CreateHost(TelegramContractServer.OldGroupId.ToString(CultureInfo.InvariantCulture));

        // Act
        var first = await host.Channel.PublishAsync(Post(Draft("First")), CancellationToken.None);
        var second = await host.Channel.PublishAsync(Post(Draft("Second")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(first);
        Assert.IsType<PublishResult.Published>(second);
        Assert.Equal(3, server.SendMessageCalls);
        Assert.All(server.Messages, m => Assert.Equal("-1005555555555", m.ChatId));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task PublishAsync_ServerError_ReturnsRetryLater(int status)
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        server.Faults.Enqueue(status);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.False(retry.RateLimited);
        Assert.Empty(server.Messages);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("1e30")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("-7")]
    [InlineData("null")]
    [InlineData("{}")]
    public async Task PublishAsync_FloodLimitWithGarbageRetryAfter_ReturnsRateLimitedRetryLaterNeverUnknown(string retryAfter)
    {
        // Arrange: the Bot API refused the message; only its retry_after is unreadable.
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        server.RetryAfterJson = retryAfter;

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert: refused is not "may have been sent", and an unreadable wait is no wait (the ledger's backoff decides).
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.True(retry.NotBefore is null || retry.NotBefore <= host.Time.GetUtcNow().AddDays(1), $"not before {retry.NotBefore:O}");
        Assert.StartsWith("429", retry.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task PublishAsync_FloodLimitOfIntMaxSeconds_ReturnsTheNetworksWaitForTheLedgerToCap()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        server.RetryAfterSeconds = int.MaxValue;

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Hello")), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(int.MaxValue), retry.NotBefore);
    }

    [Fact]
    public async Task PublishAsync_AnswerLostAfterPosting_ReturnsUnknownBecauseTelegramCannotDedupe()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        server.Faults.Enqueue(0);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Maybe posted")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task PublishAsync_BotApiUnreachable_ReturnsRetryLaterBecauseNothingWasSent()
    {
        // Arrange
        using var host = new TelegramTestHost(new Uri("http://127.0.0.1:9/"), Token, "@" + TelegramContractServer.ChannelUsername);

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Offline")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Fact]
    public async Task PublishAsync_CallerCancels_ThrowsOperationCanceled()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        server.Hang = true;
        using var cancel = new CancellationTokenSource();

        // Act
        var publishing = host.Channel.PublishAsync(Post(Draft("Stop")), cancel.Token);
        await cancel.CancelAsync();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
    }

    [Fact]
    public async Task PublishAsync_DraftWithThreadReplies_SendsOneMessageAndWarnsTheOperator()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);
        var draft = Draft("Head") with { ThreadReplies = [Draft("Tail 2/2")] };

        // Act
        var result = await host.Channel.PublishAsync(Post(draft), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal("Head", Assert.Single(server.Messages).Text);
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("1 thread replies were not sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_EveryOutcome_NeverLogsTheBotToken()
    {
        // Arrange
        using var host = CreateHost("@" + TelegramContractServer.ChannelUsername);

        // Act
        await host.Channel.PublishAsync(Post(Draft("ok")), CancellationToken.None);
        await host.Channel.PublishAsync(Post(Draft("<div>bad</div>")), CancellationToken.None);
        server.Faults.Enqueue(502);
        await host.Channel.PublishAsync(Post(Draft("fault")), CancellationToken.None);
        server.RetryAfterSeconds = 3;
        await host.Channel.PublishAsync(Post(Draft("flood")), CancellationToken.None);
        server.Token = "7012345678:AAH-rotated";
        await host.Channel.PublishAsync(Post(Draft("revoked")), CancellationToken.None);

        // Assert
        var logs = host.Logs.GetSnapshot();
        Assert.Equal(5, logs.Count(l => l.Category?.EndsWith("TelegramChannel", StringComparison.Ordinal) == true));
        foreach (var record in logs)
        {
            var text = $"{record.Message} {string.Join(' ', record.StructuredState?.Select(kv => kv.Value) ?? [])} {record.Exception}";
            Assert.False(text.Contains(Token, StringComparison.Ordinal), $"{record.Category}: {text}");
            Assert.False(text.Contains(Token.Split(':')[1], StringComparison.Ordinal), $"{record.Category}: {text}");
        }
    }

    private TelegramTestHost CreateHost(string chatId, Action<Dictionary<string, string?>>? configure = null) => new(server.BaseUrl, Token, chatId, configure);
}
