using System.Net;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using Xunit;

namespace SyndicationBot.Tests.Channels.Bluesky;

public sealed class BlueskyResponseClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "ExpiredToken", typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.BadRequest, "InvalidToken", typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.Unauthorized, "InvalidToken", typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.Unauthorized, "AuthMissing", typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.Unauthorized, "AuthenticationRequired", typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.BadRequest, "AccountTakedown", typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.Unauthorized, null, typeof(PublishResult.AuthFailed))]
    [InlineData(HttpStatusCode.BadRequest, "InvalidRequest", typeof(PublishResult.Rejected))]
    [InlineData(HttpStatusCode.BadRequest, "InvalidSwap", typeof(PublishResult.Rejected))]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge", typeof(PublishResult.Rejected))]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden", typeof(PublishResult.Rejected))]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServerError", typeof(PublishResult.RetryLater))]
    [InlineData(HttpStatusCode.BadGateway, "UpstreamFailure", typeof(PublishResult.RetryLater))]
    [InlineData(HttpStatusCode.ServiceUnavailable, "NotEnoughResources", typeof(PublishResult.RetryLater))]
    [InlineData(HttpStatusCode.GatewayTimeout, "UpstreamTimeout", typeof(PublishResult.RetryLater))]
    [InlineData(HttpStatusCode.TooManyRequests, "RateLimitExceeded", typeof(PublishResult.RetryLater))]
    public void Classify_XrpcError_MapsToTheDocumentedClass(HttpStatusCode status, string? error, Type expected)
    {
        // Act
        var result = BlueskyResponseClassifier.Classify(status, error, "message", null, Now);

        // Assert
        Assert.IsType(expected, result);
    }

    [Fact]
    public void Classify_RateLimitedWithReset_NotBeforeIsTheEpochSecondsReset()
    {
        // Act
        var result = BlueskyResponseClassifier.Classify(HttpStatusCode.TooManyRequests, "RateLimitExceeded", "Rate Limit Exceeded", "1773480000", Now);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_773_480_000), retry.NotBefore);
        Assert.Equal("HTTP 429 RateLimitExceeded: Rate Limit Exceeded", retry.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Classify_RateLimitedWithoutUsableReset_HasNoNotBefore(string? reset)
    {
        // Act
        var result = BlueskyResponseClassifier.Classify(HttpStatusCode.TooManyRequests, "RateLimitExceeded", null, reset, Now);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Null(retry.NotBefore);
    }

    [Fact]
    public void Classify_ResetBeyondYear9999_IsGarbageNotAThrow()
    {
        // Act
        var result = BlueskyResponseClassifier.Classify(HttpStatusCode.TooManyRequests, "RateLimitExceeded", null, "99999999999999", Now);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Null(retry.NotBefore);
    }

    [Fact]
    public void Classify_Rejected_CarriesTheNetworksOwnMessage()
    {
        // Act
        var result = BlueskyResponseClassifier.Classify(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text", null, Now);

        // Assert
        Assert.Equal(new PublishResult.Rejected("HTTP 400 InvalidRequest: Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text"), result);
    }
}
