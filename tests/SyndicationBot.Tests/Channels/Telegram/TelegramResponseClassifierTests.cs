using System.Net;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Telegram;
using Xunit;

namespace SyndicationBot.Tests.Channels.Telegram;

public sealed class TelegramResponseClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(429, "Too Many Requests: retry after 35", typeof(PublishResult.RetryLater))]
    [InlineData(401, "Unauthorized", typeof(PublishResult.AuthFailed))]
    [InlineData(404, "Not Found", typeof(PublishResult.AuthFailed))]
    [InlineData(403, "Forbidden: bot is not a member of the channel chat", typeof(PublishResult.AuthFailed))]
    [InlineData(403, "Forbidden: bot was kicked from the channel chat", typeof(PublishResult.AuthFailed))]
    [InlineData(400, "Bad Request: need administrator rights in the channel chat", typeof(PublishResult.AuthFailed))]
    [InlineData(400, "Bad Request: not enough rights to send text messages to the chat", typeof(PublishResult.AuthFailed))]
    [InlineData(400, "Bad Request: chat not found", typeof(PublishResult.AuthFailed))]
    [InlineData(400, "Bad Request: can't parse entities: Unsupported start tag \"div\" at byte offset 0", typeof(PublishResult.Rejected))]
    [InlineData(400, "Bad Request: message is too long", typeof(PublishResult.Rejected))]
    [InlineData(500, "Internal Server Error", typeof(PublishResult.RetryLater))]
    [InlineData(502, "Bad Gateway", typeof(PublishResult.RetryLater))]
    public void Classify_BotApiError_MapsToTheDocumentedClass(int code, string description, Type expected)
    {
        // Act
        var result = TelegramResponseClassifier.Classify(code, description, null, Now);

        // Assert
        Assert.IsType(expected, result);
    }

    [Fact]
    public void Classify_FloodLimit_NotBeforeIsNowPlusRetryAfter()
    {
        // Act
        var result = TelegramResponseClassifier.Classify(429, "Too Many Requests: retry after 35", 35, Now);

        // Assert
        Assert.Equal(new PublishResult.RetryLater("429 Too Many Requests: retry after 35", Now.AddSeconds(35), RateLimited: true), result);
    }

    [Fact]
    public void ClassifyTransport_ConnectionRefused_IsSafeToRetry()
    {
        // Act
        var result = TelegramResponseClassifier.ClassifyTransport(null, new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.InvalidResponse)]
    public void ClassifyTransport_SentButUnanswered_IsUnknown(HttpRequestError error)
    {
        // Act
        var result = TelegramResponseClassifier.ClassifyTransport(null, new HttpRequestException(error, "lost"));

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
    }

    [Fact]
    public void ClassifyTransport_TimedOut_IsUnknown()
    {
        // Act
        var result = TelegramResponseClassifier.ClassifyTransport(HttpStatusCode.RequestTimeout, new TaskCanceledException());

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(PublishResult.RetryLater))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.Forbidden, typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.BadRequest, typeof(PublishResult.Rejected))]
    public void ClassifyTransport_RefusalWhoseBodyCannotBeRead_IsNeverUnknown(HttpStatusCode status, Type expected)
    {
        // Act
        var result = TelegramResponseClassifier.ClassifyTransport(status, new System.Text.Json.JsonException("retry_after is not a number"));

        // Assert
        Assert.IsType(expected, result);
        Assert.DoesNotContain("retry_after is not a number", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifyTransport_UnreadableFloodLimit_IsRateLimitedWithoutAWait()
    {
        // Act
        var result = TelegramResponseClassifier.ClassifyTransport(HttpStatusCode.TooManyRequests, new System.Text.Json.JsonException());

        // Assert
        Assert.Equal(new PublishResult.RetryLater("429 TooManyRequests: the answer could not be read (JsonException)", null, RateLimited: true), result);
    }
}
