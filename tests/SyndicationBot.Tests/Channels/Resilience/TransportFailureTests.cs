using SyndicationBot.Channels;
using SyndicationBot.Channels.Resilience;
using Xunit;

namespace SyndicationBot.Tests.Channels.Resilience;

public class TransportFailureTests
{
    [Theory]
    [InlineData(HttpRequestError.ConnectionError, DeliveryGuarantee.None, typeof(PublishResult.RetryLater))]
    [InlineData(HttpRequestError.NameResolutionError, DeliveryGuarantee.None, typeof(PublishResult.RetryLater))]
    [InlineData(HttpRequestError.ResponseEnded, DeliveryGuarantee.None, typeof(PublishResult.Unknown))]
    [InlineData(HttpRequestError.ResponseEnded, DeliveryGuarantee.Lookup, typeof(PublishResult.Unknown))]
    [InlineData(HttpRequestError.ResponseEnded, DeliveryGuarantee.Idempotent, typeof(PublishResult.RetryLater))]
    public void Classify_FailureAfterOrBeforeSending_OnlyUnsentOrDedupedIsRetried(HttpRequestError error, DeliveryGuarantee guarantee, Type expected)
    {
        // Arrange
        var exception = new HttpRequestException(error, "boom");

        // Act
        var result = TransportFailure.Classify(exception, guarantee);

        // Assert
        Assert.IsType(expected, result);
    }
}
