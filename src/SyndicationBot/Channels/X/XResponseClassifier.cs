using System.Net;
using System.Text.Json;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.X;

/// <summary>The one place where an X error response becomes a <see cref="PublishResult"/>, after the X API v2 documented errors.</summary>
internal static class XResponseClassifier
{
    private const string DuplicateMarker = "duplicate content";
    private const int LegacyDuplicateCode = 187;
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    public static PublishResult Classify(HttpResponseMessage response, byte[] body, DateTimeOffset now)
    {
        var problem = Read(body);
        var message = Message(problem, response);
        var type = problem?.Type ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests when type.EndsWith("/usage-capped", StringComparison.Ordinal) => new PublishResult.Rejected(message),
            HttpStatusCode.TooManyRequests => new PublishResult.RetryLater(message, RateLimitResetOf(response, now), RateLimited: true),
            HttpStatusCode.Unauthorized => new PublishResult.AuthFailed(message),
            HttpStatusCode.Forbidden when IsDuplicate(problem) => new PublishResult.Duplicate(message),

            // A read-only or forbidden app fails every post the same way: pause the channel, keep the posts.
            HttpStatusCode.Forbidden when type.EndsWith("/oauth1-permissions", StringComparison.Ordinal)
                || type.EndsWith("/client-forbidden", StringComparison.Ordinal) => new PublishResult.AuthFailed(message),
            >= HttpStatusCode.InternalServerError => new PublishResult.RetryLater(message, null),
            _ => new PublishResult.Rejected(message),
        };
    }

    /// <summary>
    /// When a 24-hour cap is exhausted its reset wins over the 15-minute window's; without any header, the
    /// docs' minimum back-off of one minute.
    /// </summary>
    public static DateTimeOffset RateLimitResetOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var headers = response.Headers;
        foreach (var scope in (string[])["x-user-limit-24hour", "x-app-limit-24hour"])
        {
            if (RateLimitHeaders.IsExhausted(headers, scope + "-remaining")
                && RateLimitHeaders.ParseReset(RateLimitHeaders.Get(headers, scope + "-reset"), now) is { } dailyReset)
            {
                return dailyReset;
            }
        }

        return RateLimitHeaders.ParseReset(RateLimitHeaders.Get(headers, "x-rate-limit-reset"), now)
            ?? RateLimitHeaders.RetryAfter(response, now)
            ?? now + DefaultRateLimitWait;
    }

    private static bool IsDuplicate(XProblem? problem) =>
        problem is not null
        && ((problem.Detail?.Contains(DuplicateMarker, StringComparison.OrdinalIgnoreCase) ?? false)
            || (problem.Errors?.Any(e => e.Code == LegacyDuplicateCode || (e.Message?.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ?? false)) ?? false));

    private static string Message(XProblem? problem, HttpResponseMessage response)
    {
        var text = problem?.Detail ?? problem?.Title ?? (problem?.Errors is [var first, ..] ? first.Message : null) ?? response.ReasonPhrase ?? "no error body";
        return $"X {(int)response.StatusCode}: {text}";
    }

    private static XProblem? Read(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, XJsonContext.Default.XProblem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
