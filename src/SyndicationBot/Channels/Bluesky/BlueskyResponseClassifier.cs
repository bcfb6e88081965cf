using System.Globalization;
using System.Net;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Bluesky;

// The one place where a Bluesky XRPC failure becomes a PublishResult. The PDS names its errors
// in the body ({"error":"ExpiredToken"} arrives as HTTP 400), so the name decides before the status.
internal static class BlueskyResponseClassifier
{
    public const string ExpiredToken = "ExpiredToken";

    private static readonly HashSet<string> AuthErrors = new(StringComparer.Ordinal)
    {
        ExpiredToken, "InvalidToken", "AuthMissing", "AuthenticationRequired", "AccountTakedown",
        "AccountDeactivated", "AuthFactorTokenRequired", "InvalidAccessToken",
    };

    public static bool IsExpiredToken(string? error) => string.Equals(error, ExpiredToken, StringComparison.Ordinal);

    // True when the failure says nothing about the record itself, so a getRecord lookup is pointless.
    public static bool IsAuthOrRateLimit(PublishResult result) =>
        result is PublishResult.AuthFailed or PublishResult.RetryLater { RateLimited: true };

    public static PublishResult Classify(HttpStatusCode status, string? error, string? message, string? rateLimitReset, DateTimeOffset now)
    {
        var reason = Describe(status, error, message);
        if (error is not null && AuthErrors.Contains(error))
        {
            return new PublishResult.AuthFailed(reason);
        }

        return status switch
        {
            HttpStatusCode.TooManyRequests => new PublishResult.RetryLater(reason, ParseReset(rateLimitReset), RateLimited: true),
            HttpStatusCode.Unauthorized => new PublishResult.AuthFailed(reason),
            HttpStatusCode.RequestTimeout => new PublishResult.RetryLater(reason, null),
            >= HttpStatusCode.InternalServerError => new PublishResult.RetryLater(reason, ParseReset(rateLimitReset)),
            _ => new PublishResult.Rejected(reason),
        };
    }

    private static string Describe(HttpStatusCode status, string? error, string? message) =>
        (error, message) switch
        {
            (null, null) => $"HTTP {(int)status}",
            (_, null) => $"HTTP {(int)status} {error}",
            (null, _) => $"HTTP {(int)status}: {message}",
            _ => $"HTTP {(int)status} {error}: {message}",
        };

    // RateLimit-Reset carries epoch seconds (packages/xrpc-server rate-limiter-http.ts).
    // A reset beyond what an instant can hold is garbage: null, so the ledger's backoff decides.
    private static DateTimeOffset? ParseReset(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? RateLimitHeaders.FromUnixSeconds(seconds)
            : null;
}
