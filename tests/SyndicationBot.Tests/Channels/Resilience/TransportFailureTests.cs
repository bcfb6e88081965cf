using SyndicationBot.Channels;
using SyndicationBot.Channels.Resilience;
using Xunit;

namespace SyndicationBot.Tests.Channels.Resilience;

public class TransportFailureTests
{
    [Theory]
    [InlineData(HttpRequestError.ConnectionError, nameof(DeliveryGuarantee.None), typeof(PublishResult.RetryLater))]
    [InlineData(HttpRequestError.NameResolutionError, nameof(DeliveryGuarantee.None), typeof(PublishResult.RetryLater))]
    [InlineData(HttpRequestError.ResponseEnded, nameof(DeliveryGuarantee.None), typeof(PublishResult.Unknown))]
    [InlineData(HttpRequestError.ResponseEnded, nameof(DeliveryGuarantee.Lookup), typeof(PublishResult.Unknown))]
    [InlineData(HttpRequestError.ResponseEnded, nameof(DeliveryGuarantee.Idempotent), typeof(PublishResult.RetryLater))]
    public void Classify_FailureAfterOrBeforeSending_OnlyUnsentOrDedupedIsRetried(HttpRequestError error, string guarantee, Type expected)
    {
        // Arrange (the guarantee by name: an internal enum cannot be a public test method's parameter)
        var exception = new HttpRequestException(error, "boom");

        // Act
        var result = TransportFailure.Classify(exception, Enum.Parse<DeliveryGuarantee>(guarantee));

        // Assert
        Assert.IsType(expected, result);
    }
}
