using System.Globalization;
using Microsoft.Extensions.Logging;
using SyndicationBot.Channels;
using SyndicationBot.Queue;

namespace SyndicationBot.Retraction;

/// <summary>
/// Takes an article back everywhere: each published post is deleted (or corrected) through its channel, each post not
/// yet sent is cancelled, and what could not be done is reported; every post's outcome is recorded with who, why and
/// when. A retraction run again skips the posts already taken back, and retries those that failed.
/// </summary>
internal sealed partial class ArticleRetractor(
    IOperatorLedger ledger,
    IRetractionLedger retractions,
    IEnumerable<IChannel> channels,
    TimeProvider timeProvider,
    ILogger<ArticleRetractor> logger)
{
    /// <summary>The <see cref="RetractionRecord.Action"/> words.</summary>
    public const string Deleted = "deleted";
    public const string Corrected = "corrected";
    public const string Cancelled = "cancelled";
    public const string NotPossible = "not-possible";
    public const string Failed = "failed";
    public const string InDoubt = "in-doubt";
    public const string NotSent = "not-sent";

    private static readonly HashSet<string> Done = [Deleted, Corrected, Cancelled, NotSent];
    private readonly Dictionary<string, IChannel> channelsByName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>
    /// Retracts the article named by <paramref name="article"/>: its key (as <c>queue list --json</c> shows it, the
    /// canonical URL for most), or the id of any of its posts. Null when no post belongs to such an article.
    /// </summary>
    public async Task<IReadOnlyList<RetractionRecord>?> RetractAsync(string article, string reason, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(article);
        var all = await ledger.ListAsync(Enum.GetValues<PostState>(), int.MaxValue, newestFirst: false, cancellationToken);
        var key = long.TryParse(article, NumberStyles.None, CultureInfo.InvariantCulture, out var postId) && all.FirstOrDefault(p => p.Id == postId) is { } named
            ? BaseKey(named.ArticleKey)
            : article.Trim();
        var posts = all.Where(p => BaseKey(p.ArticleKey) == key).ToList();
        if (posts.Count == 0)
        {
            return null;
        }

        var earlier = await retractions.ListRetractionsAsync(key, int.MaxValue, cancellationToken);
        var settled = earlier.Where(r => Done.Contains(r.Action)).Select(r => r.PostId).ToHashSet();
        List<RetractionRecord> records = [];
        foreach (var post in posts.Where(p => !settled.Contains(p.Id)))
        {
            var (action, detail) = await RetractPostAsync(post, reason, cancellationToken);
            Log.Retracted(logger, post.Id, post.Channel, action, detail ?? string.Empty);
            records.Add(new RetractionRecord(post.Id, key, post.Channel, action, detail, reason, by, timeProvider.GetUtcNow()));
        }

        await retractions.RecordRetractionsAsync(records, cancellationToken);
        return records;
    }

    // Revisions of an article carry "<key>#rev:<hash>": a retraction takes every version back.
    private static string BaseKey(string articleKey) =>
        articleKey.IndexOf("#rev:", StringComparison.Ordinal) is var at and >= 0 ? articleKey[..at] : articleKey;

    private async Task<(string Action, string? Detail)> RetractPostAsync(QueuedPost post, string reason, CancellationToken cancellationToken)
    {
        switch (post.State)
        {
            case PostState.Published when post.RemoteId is null:
                return (NotPossible, "published without the network's id (the network reported it as a duplicate): remove it on the account by hand");
            case PostState.Published when !channelsByName.TryGetValue(post.Channel, out _):
                return (Failed, $"channel '{post.Channel}' is not configured in this process");
            case PostState.Published:
                var channel = channelsByName[post.Channel];
                var request = new RetractRequest(post.Id, post.IdempotencyKey, post.RemoteId!, post.RemoteUrl, post.PublishedAt, post.Draft, reason);
                RetractResult result;
                try
                {
                    result = await channel.RetractAsync(request, cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ChannelThrew(logger, exception, post.Id, post.Channel);
                    result = new RetractResult.Failed($"{exception.GetType().Name}: {exception.Message}");
                }

                return result switch
                {
                    RetractResult.Deleted deleted => (Deleted, deleted.Detail),
                    RetractResult.Corrected corrected => (Corrected, corrected.Note),
                    RetractResult.NotPossible impossible => (NotPossible, impossible.Why),
                    RetractResult.Failed failed => (Failed, failed.NotBefore is { } at ? $"{failed.Reason}; try again after {at:O}" : failed.Reason),
                    _ => (Failed, result.GetType().Name),
                };
            case PostState.InDoubt:
                // It may be on the network: cancelled here so nothing resends it, and reported so the operator checks.
                await ledger.CancelAsync(post.Id, timeProvider.GetUtcNow(), cancellationToken);
                return (InDoubt, "its outcome is unknown: it will not be sent; check the account and remove it by hand if it is there");
            case PostState.Publishing:
                return (Failed, "being sent right now: run the retraction again once it has settled");
            case PostState.Failed or PostState.Skipped or PostState.Cancelled:
                return (NotSent, $"never went out ({post.State})");
            default:
                return await ledger.CancelAsync(post.Id, timeProvider.GetUtcNow(), cancellationToken)
                    ? (Cancelled, "not sent yet: cancelled")
                    : (Failed, $"could not be cancelled in state {post.State}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel} retracted: {Action} ({Detail})")]
        public static partial void Retracted(ILogger logger, long postId, string channel, string action, string detail);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel}: the channel threw during the retraction")]
        public static partial void ChannelThrew(ILogger logger, Exception exception, long postId, string channel);
    }
}
