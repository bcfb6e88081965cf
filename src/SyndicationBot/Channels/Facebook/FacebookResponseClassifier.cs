using System.Text.Json;

namespace SyndicationBot.Channels.Facebook;

// The one place where a Graph API failure becomes a PublishResult, by the Graph API's documented error
// codes. Codes that stop every post of the Page (token, permissions, capability, policy block) pause
// the channel as AuthFailed, so the queued posts are kept for when it is fixed.
internal static class FacebookResponseClassifier
{
    public static PublishResult Classify(int httpStatus, GraphError? error, string? businessUseCaseUsage, DateTimeOffset now)
    {
        if (error is null)
        {
            return httpStatus >= 500 || httpStatus == 429
                ? new PublishResult.RetryLater($"HTTP {httpStatus}", RegainAccessAt(businessUseCaseUsage, now), RateLimited: httpStatus == 429)
                : new PublishResult.Rejected($"HTTP {httpStatus} without a Graph error body");
        }

        var reason = error.ErrorSubcode is { } sub
            ? $"Graph error {error.Code}/{sub}: {error.Message}"
            : $"Graph error {error.Code}: {error.Message}";
        return error.Code switch
        {
            506 => new PublishResult.Duplicate(reason),
            4 or 17 or 32 or 613 or 80001 or 341 => new PublishResult.RetryLater(reason, RegainAccessAt(businessUseCaseUsage, now), RateLimited: true),
            1 or 2 => new PublishResult.RetryLater(reason, null),
            190 or 102 => new PublishResult.AuthFailed(reason),
            3 or 10 or (>= 200 and <= 299) or 368 => new PublishResult.AuthFailed(reason),

            // A wrong app secret comes back as "invalid parameter" (100), yet every later post would fail alike.
            100 when error.Message?.Contains("appsecret_proof", StringComparison.OrdinalIgnoreCase) == true => new PublishResult.AuthFailed(reason),
            _ when error.IsTransient == true => new PublishResult.RetryLater(reason, null),
            _ => new PublishResult.Rejected(reason),
        };
    }

    // The latest estimated_time_to_regain_access (minutes) across the business use cases in
    // X-Business-Use-Case-Usage: {"<id>":[{"type":"pages",…,"estimated_time_to_regain_access":N}]}.
    public static DateTimeOffset? RegainAccessAt(string? businessUseCaseUsage, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(businessUseCaseUsage))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(businessUseCaseUsage);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var minutes = 0;
            foreach (var useCase in document.RootElement.EnumerateObject())
            {
                if (useCase.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var entry in useCase.Value.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object
                        && entry.TryGetProperty("estimated_time_to_regain_access", out var value)
                        && value.TryGetInt32(out var entryMinutes))
                    {
                        minutes = Math.Max(minutes, entryMinutes);
                    }
                }
            }

            return minutes > 0 ? now.AddMinutes(minutes) : null;
        }
        catch (JsonException)
        {
            // The header is advisory; a malformed one just leaves the retry to the backoff.
            return null;
        }
    }
}
