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

    // 9999-12-31T23:59:59Z, the last instant DateTimeOffset holds.
    private static readonly long MaxEpochSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>
    /// Parses a reset value that is either ISO 8601, epoch seconds, or (when small) seconds from now. A value that names
    /// no representable instant (<c>1e30</c>, <c>NaN</c>, <c>Infinity</c>) is garbage like any other: null, so the caller
    /// falls back to its normal backoff instead of failing on the header.
    /// </summary>
    public static DateTimeOffset? ParseReset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number >= SmallestEpoch ? FromUnixSeconds(number) : SecondsFrom(now, number);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }

    /// <summary>The instant <paramref name="epochSeconds"/> names, or null when it is not finite or beyond year 9999.</summary>
    public static DateTimeOffset? FromUnixSeconds(double epochSeconds) =>
        double.IsFinite(epochSeconds) && epochSeconds >= 0 && epochSeconds <= MaxEpochSeconds
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(epochSeconds * 1000))
            : null;

    /// <summary>
    /// <paramref name="now"/> plus <paramref name="seconds"/> (a negative wait is no wait), or null when the sum is not
    /// finite or beyond year 9999.
    /// </summary>
    public static DateTimeOffset? SecondsFrom(DateTimeOffset now, double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return null;
        }

        seconds = Math.Max(0, seconds);
        return seconds <= (DateTimeOffset.MaxValue - now).TotalSeconds - 1 ? now.AddSeconds(seconds) : null;
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
