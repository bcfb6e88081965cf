using Microsoft.Extensions.Logging;
using SyndicationBot.Channels;
using SyndicationBot.Queue;

namespace SyndicationBot.Publishing;

/// <summary>
/// Looks a post up on its network after an unknown outcome. A lookup that throws (a bug, an outage the channel did not
/// classify) is logged and counts as <see cref="LookupResult.Unavailable"/>: only a network's own "not there" allows a
/// resend.
/// </summary>
internal static partial class ChannelLookup
{
    /// <summary>The post as a channel sees it for one attempt.</summary>
    public static OutgoingPost ToOutgoing(QueuedPost post) => new(post.Id, post.IdempotencyKey, post.Attempts, post.Draft, post.DueAt);

    public static async Task<LookupResult> FindAsync(IChannel channel, QueuedPost post, ILogger logger, CancellationToken cancellationToken)
    {
        LookupResult result;
        try
        {
            result = await channel.LookupAsync(ToOutgoing(post), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.LookupThrew(logger, exception, post.Id, channel.Name);
            return new LookupResult.Unavailable($"the lookup failed: {exception.GetType().Name}");
        }

        switch (result)
        {
            case LookupResult.Found found:
                Log.Found(logger, post.Id, channel.Name, found.Post.RemoteId);
                break;
            case LookupResult.NotFound:
                Log.NotFound(logger, post.Id, channel.Name);
                break;
            case LookupResult.Unavailable unavailable:
                Log.Unavailable(logger, post.Id, channel.Name, unavailable.Reason);
                break;
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: looking the post up on the network failed")]
        public static partial void LookupThrew(ILogger logger, Exception exception, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: found on the network as {RemoteId}; not sent again")]
        public static partial void Found(ILogger logger, long postId, string channel, string remoteId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: the network does not hold it; it may be sent")]
        public static partial void NotFound(ILogger logger, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: the network could not be asked ({Reason}); not sent until it can")]
        public static partial void Unavailable(ILogger logger, long postId, string channel, string reason);
    }
}
