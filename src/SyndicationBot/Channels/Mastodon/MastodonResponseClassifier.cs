using System.Net;
using System.Text.Json;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>The one place where a Mastodon error response becomes a <see cref="PublishResult"/>, after the Mastodon API's documented errors.</summary>
internal static class MastodonResponseClassifier
{
    // Mastodon's status family allows 300 per 3 hours; without a header, look again in five minutes.
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(5);

    public static PublishResult Classify(HttpResponseMessage response, byte[] body, DateTimeOffset now)
    {
        var message = $"Mastodon {(int)response.StatusCode}: {ErrorText(body) ?? response.ReasonPhrase ?? "no error body"}";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new PublishResult.RetryLater(
                message,
                RateLimitHeaders.ParseReset(RateLimitHeaders.Get(response.Headers, "X-RateLimit-Reset"), now)
                    ?? RateLimitHeaders.RetryAfter(response, now)
                    ?? now + DefaultRateLimitWait,
                RateLimited: true),
            HttpStatusCode.Unauthorized => new PublishResult.AuthFailed(message),

            // 403 is the account (disabled, unconfirmed, unapproved) or the token's scope: every post would fail alike.
            HttpStatusCode.Forbidden => new PublishResult.AuthFailed(message),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => new PublishResult.RetryLater(message, null),
            _ => new PublishResult.Rejected(message),
        };
    }

    private static string? ErrorText(byte[] body)
    {
        try
        {
            var error = body.Length == 0 ? null : JsonSerializer.Deserialize(body, MastodonJsonContext.Default.MastodonError);
            return error?.ErrorDescription is { } description ? $"{error.Error}: {description}" : error?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
