
namespace SyndicationBot.Channels.Resilience;

/// <summary>
/// Classifies an <see cref="HttpRequestException"/> by whether the request can have reached the network:
/// a failed connect or DNS lookup sent nothing (retry is safe everywhere); anything later is an unknown
/// outcome unless the channel's network dedupes.
/// </summary>
internal static class TransportFailure
{
    public static PublishResult Classify(HttpRequestException exception, DeliveryGuarantee guarantee)
    {
        var nothingSent = exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError or HttpRequestError.SecureConnectionError;
        var reason = $"transport failure: {exception.HttpRequestError}";
        return nothingSent || guarantee == DeliveryGuarantee.Idempotent
            ? new PublishResult.RetryLater(reason, null)
            : new PublishResult.Unknown(reason);
    }
}
