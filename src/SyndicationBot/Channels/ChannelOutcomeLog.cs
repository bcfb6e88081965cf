using Microsoft.Extensions.Logging;
using SyndicationBot.Configuration;

namespace SyndicationBot.Channels;

/// <summary>One log line per publish outcome, the same shape for every network client.</summary>
internal static partial class ChannelOutcomeLog
{
    /// <summary>Logs the classified outcome of one attempt; an authentication failure is an error the operator must act on.</summary>
    public static void Report(ILogger logger, long postId, string channel, PublishResult result)
    {
        switch (result)
        {
            case PublishResult.Published published:
                Published(logger, postId, channel, published.RemoteId);
                break;
            case PublishResult.AuthFailed auth:
                AuthFailed(logger, postId, channel, SecretRedactor.RedactKnown(auth.Reason)!);
                break;
            default:
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    // Logged inside the channel, before ResilientChannel masks the result: mask here too.
                    NotPublished(logger, postId, channel, result.GetType().Name, SecretRedactor.RedactKnown(Describe(result))!);
                }

                break;
        }
    }

    private static string Describe(PublishResult result) => result switch
    {
        PublishResult.RetryLater r => r.NotBefore is { } at ? $"{r.Reason} (not before {at:O})" : r.Reason,
        PublishResult.Rejected r => r.Reason,
        PublishResult.Duplicate d => d.Detail,
        PublishResult.Unknown u => u.Reason,
        _ => string.Empty,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} published on {Channel} as {RemoteId}")]
    private static partial void Published(ILogger logger, long postId, string channel, string remoteId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} not published on {Channel}: {Outcome} {Reason}")]
    private static partial void NotPublished(ILogger logger, long postId, string channel, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId}: {Channel} refused the credentials or their rights; the channel needs the operator: {Reason}")]
    private static partial void AuthFailed(ILogger logger, long postId, string channel, string reason);
}
