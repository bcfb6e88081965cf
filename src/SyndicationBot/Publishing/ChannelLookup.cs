using Microsoft.Extensions.Logging;
using SyndicationBot.Channels;
using SyndicationBot.Queue;

namespace SyndicationBot.Publishing;

/// <summary>Looks a post up on its network after an unknown outcome; a failing lookup is logged and counts as not found.</summary>
internal static partial class ChannelLookup
{
    public static async Task<PublishResult.Published?> FindAsync(IChannel channel, QueuedPost post, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.LookupAsync(new OutgoingPost(post.Id, post.IdempotencyKey, post.Attempts, post.Draft), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.LookupFailed(logger, exception, post.Id, channel.Name);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: looking the post up on the network failed")]
        public static partial void LookupFailed(ILogger logger, Exception exception, long postId, string channel);
    }
}
