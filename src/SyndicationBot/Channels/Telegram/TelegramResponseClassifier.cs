using System.Net;

namespace SyndicationBot.Channels.Telegram;

// The one place where a Telegram Bot API failure becomes a PublishResult, after the Bot API's documented error codes.
// Rights and membership errors pause the channel (as AuthFailed) instead of
// failing the post: every later post would hit the same wall until the operator fixes the bot's rights.
internal static class TelegramResponseClassifier
{
    private static readonly string[] ChannelConfigurationErrors =
    [
        "need administrator rights",
        "not enough rights",
        "chat not found",
        "bot is not a member",
        "bot was kicked",
        "bot was blocked",
        "have no rights to send",
        "chat_write_forbidden",
    ];

    public static PublishResult Classify(int errorCode, string description, int? retryAfterSeconds, DateTimeOffset now) =>
        Classify(errorCode, description, retryAfterSeconds is > 0 ? now.AddSeconds(retryAfterSeconds.Value) : null);

    // Classifies a failure below the Bot API: no JSON answer, or no answer at all.
    public static PublishResult ClassifyTransport(HttpStatusCode? status, Exception? inner)
    {
        if (inner is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } connect)
        {
            // The request never left: resending cannot double-post.
            return new PublishResult.RetryLater($"Cannot reach the Bot API: {connect.HttpRequestError}", null);
        }

        if (status is { } code && (int)code >= 500)
        {
            return new PublishResult.RetryLater($"Bot API answered HTTP {(int)code}", null);
        }

        // Telegram.Bot reports its own time-out as HTTP 408 around the cancellation: no answer came, so that is not a refusal.
        if (status is { } refused && (int)refused >= 400 && inner is not OperationCanceledException)
        {
            // An answer that says no (a 429 whose retry_after is not a number, a proxy's error page) means the message
            // was not accepted: never in doubt. The code decides as for a readable answer; an unreadable wait is no wait.
            // The inner exception's message is left out: the client's messages may carry the request URL, token and all.
            var unreadable = inner is null ? "no readable answer" : $"the answer could not be read ({inner.GetType().Name})";
            return Classify((int)refused, $"{refused}: {unreadable}", null);
        }

        // Sent but unanswered (time-out, reset): the message may be in the channel, and Telegram has no idempotency key.
        return new PublishResult.Unknown(inner is HttpRequestException http ? $"No answer from the Bot API: {http.HttpRequestError}" : $"No answer from the Bot API ({(status is { } s ? $"HTTP {(int)s}" : "timed out")})");
    }

    private static PublishResult Classify(int errorCode, string description, DateTimeOffset? notBefore)
    {
        var reason = $"{errorCode} {description}";
        return errorCode switch
        {
            429 => new PublishResult.RetryLater(reason, notBefore, RateLimited: true),
            401 or 404 => new PublishResult.AuthFailed($"{reason} (the bot token is wrong or revoked)"),
            403 => new PublishResult.AuthFailed(reason),
            400 when IsChannelConfigurationError(description) => new PublishResult.AuthFailed(reason),
            >= 500 => new PublishResult.RetryLater(reason, notBefore),
            _ => new PublishResult.Rejected(reason),
        };
    }

    private static bool IsChannelConfigurationError(string description) =>
        ChannelConfigurationErrors.Any(e => description.Contains(e, StringComparison.OrdinalIgnoreCase));
}
