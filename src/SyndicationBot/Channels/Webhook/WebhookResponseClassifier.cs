using System.Net;
using System.Text;
using System.Text.Json;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Webhook;

/// <summary>The one place where a webhook receiver's answer becomes a <see cref="PublishResult"/>.</summary>
internal static class WebhookResponseClassifier
{
    private const int MaxMessageLength = 300;
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    public static PublishResult Classify(HttpResponseMessage response, byte[] body, string fallbackId, DateTimeOffset now)
    {
        var answer = Read(body);
        if (response.IsSuccessStatusCode)
        {
            var url = Uri.TryCreate(answer?.Url, UriKind.Absolute, out var parsed) ? parsed : null;
            return new PublishResult.Published(string.IsNullOrEmpty(answer?.Id) ? fallbackId : answer.Id, url);
        }

        var text = answer?.Message ?? (body.Length == 0 ? response.ReasonPhrase : Encoding.UTF8.GetString(body));
        var message = $"Webhook {(int)response.StatusCode}: {Truncate(text ?? "no body")}";
        return response.StatusCode switch
        {
            // Discord sends retry_after (seconds) in the body and X-RateLimit-Reset-After; others Retry-After.
            HttpStatusCode.TooManyRequests => new PublishResult.RetryLater(
                message,
                RateLimitHeaders.RetryAfter(response, now)
                    ?? (answer?.RetryAfter is { } seconds ? RateLimitHeaders.SecondsFrom(now, seconds) : null)
                    ?? RateLimitHeaders.ParseReset(RateLimitHeaders.Get(response.Headers, "X-RateLimit-Reset-After"), now)
                    ?? now + DefaultRateLimitWait,
                RateLimited: true),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PublishResult.AuthFailed(message),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => new PublishResult.RetryLater(message, null),
            _ => new PublishResult.Rejected(message),
        };
    }

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";

    private static WebhookAnswer? Read(byte[] body)
    {
        try
        {
            return body.Length == 0 || body[0] != (byte)'{' ? null : JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WebhookAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
