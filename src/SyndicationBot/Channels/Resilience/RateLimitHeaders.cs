using System.Globalization;
using System.Net.Http.Headers;

namespace SyndicationBot.Channels.Resilience;

/// <summary>
/// Reads "not before" instants from the rate-limit headers the networks send: <c>Retry-After</c> (seconds or
/// HTTP date), epoch-seconds resets (<c>x-rate-limit-reset</c>, <c>RateLimit-Reset</c>) and ISO 8601 resets
/// (Mastodon <c>X-RateLimit-Reset</c>; GoToSocial sends epoch seconds under the same name).
/// </summary>
internal static class RateLimitHeaders
{
    // Epoch seconds this small cannot be a reset instant; such values are delta seconds (IETF RateLimit-Reset drafts).
    private const long SmallestEpoch = 1_000_000_000;

    public static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Parses a reset value that is either ISO 8601, epoch seconds, or (when small) seconds from now.</summary>
    public static DateTimeOffset? ParseReset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number >= SmallestEpoch
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000))
                : now.AddSeconds(Math.Max(0, number));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }

    /// <summary>The <c>Retry-After</c> instant, from delta seconds or an HTTP date.</summary>
    public static DateTimeOffset? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => now + delta,
        { Date: { } date } => date,
        _ => null,
    };

    /// <summary>True when the named "remaining" header is present and zero.</summary>
    public static bool IsExhausted(HttpResponseHeaders headers, string remainingHeader) =>
        Get(headers, remainingHeader) is { } remaining
        && long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
        && left <= 0;
}
