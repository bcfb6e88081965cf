using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Publishing;

/// <summary>
/// One round of publishing: recover posts whose owner died, claim what is due, send each through its channel
/// and record the outcome. Channels run side by side so one slow network never delays another; posts of one
/// channel go out one at a time, in order.
/// </summary>
internal sealed partial class Dispatcher(
    IDispatchLedger queue,
    IEnumerable<IChannel> channels,
    IPostDispatchPolicy policy,
    RetryPolicy retryPolicy,
    DispatchPasses passes,
    IOptions<DispatchOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider timeProvider,
    ILogger<Dispatcher> logger,
    IChannelSwitches? switches = null,
    SyndicationMetrics? metrics = null)
{
    /// <summary>The note of a claimed post put back unsent because the service was stopping.</summary>
    public const string ReleasedAtShutdown = "released at shutdown before sending";

    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset?> _lastSent = new(StringComparer.Ordinal);
    private LeaseRecovery? _recovery;

    /// <summary>Identifies this process's leases: host, process id and a per-run nonce.</summary>
    public LeaseOwner Owner { get; } = LeaseOwner.ForThisProcess();

    // Created on first use: it needs the channel table and the owner, which field initialisers cannot reach.
    private LeaseRecovery Recovery => _recovery ??= new LeaseRecovery(queue, _channels, Owner, LeaseRecovery.HasExited, timeProvider, logger);

    /// <summary>
    /// Runs one pass. <paramref name="stopping"/> stops taking new posts; <paramref name="abort"/> cancels a
    /// request in flight (after the shutdown grace). Returns the number of posts handled, and announces the
    /// finished pass on <see cref="DispatchPasses"/>.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken stopping, CancellationToken abort)
    {
        await Recovery.RecoverAsync(stopping);
        var now = timeProvider.GetUtcNow();
        var owner = Owner.ToString();
        var claimed = await queue.ClaimDueAsync(now, owner, storage.Value.LeaseDuration, options.Value.BatchSize, stopping);
        if (claimed.Count > 0)
        {
            await Task.WhenAll(claimed
                .GroupBy(post => post.Channel, StringComparer.Ordinal)
                .Select(group => ProcessChannelAsync(group.Key, [.. group], owner, stopping, abort)));
        }

        passes.Complete(claimed.Count);
        return claimed.Count;
    }

    private async Task ProcessChannelAsync(string channelName, IReadOnlyList<QueuedPost> posts, string owner, CancellationToken stopping, CancellationToken abort)
    {
        foreach (var post in posts)
        {
            try
            {
                await ProcessPostAsync(channelName, post, owner, stopping, abort);
            }
            catch (Exception exception) when (!abort.IsCancellationRequested)
            {
                // A bug or an outage of the ledger for this post must not strand the rest of the batch; its lease expires and recovery takes it.
                Log.PostCrashed(logger, exception, post.Id, channelName);
            }
        }
    }

    private async Task ProcessPostAsync(string channelName, QueuedPost post, string owner, CancellationToken stopping, CancellationToken abort)
    {
        var now = timeProvider.GetUtcNow();
        if (stopping.IsCancellationRequested)
        {
            // Claimed, but shutdown came while it waited behind its channel's earlier posts: back to the queue unsent.
            await RecordAsync(post, new PostOutcome.Released(post.NextAttemptAt ?? post.DueAt, ReleasedAtShutdown));
            return;
        }

        if (!_channels.TryGetValue(channelName, out var channel) || !channel.Enabled)
        {
            Log.ChannelUnavailable(logger, post.Id, channelName);
            await RecordAsync(post, new PostOutcome.Released(now + options.Value.AuthPause, $"channel '{channelName}' is not enabled; the post is kept until it is"));
            return;
        }

        if (_pausedUntil.TryGetValue(channelName, out var paused) && paused > now)
        {
            await RecordAsync(post, new PostOutcome.Released(paused, $"channel '{channelName}' is paused after an authentication failure"));
            return;
        }

        // The operator's kill switch, read again just before sending: a post claimed before 'channel pause' is put back
        // untouched (the ledger claims nothing more of the channel until it is resumed).
        if (switches is not null && await switches.GetPausedAsync(stopping) is var off && (off.ContainsKey(channelName) || off.ContainsKey(ChannelPause.AllChannels)))
        {
            await RecordAsync(post, new PostOutcome.Released(post.NextAttemptAt ?? post.DueAt, $"channel '{channelName}' is paused by the operator; the post is kept"));
            return;
        }

        var lastSent = await GetLastSentAsync(channelName, stopping);
        switch (await policy.DecideAsync(post, now, lastSent, stopping))
        {
            case DispatchDecision.Defer defer:
                await RecordAsync(post, new PostOutcome.Released(defer.Until, defer.Reason));
                return;
            case DispatchDecision.Skip skip:
                Log.Skipped(logger, post.Id, channelName, skip.Reason);
                await RecordAsync(post, new PostOutcome.Skipped(skip.Reason));
                return;
        }

        if (channel.Guarantee == DeliveryGuarantee.Lookup && post.Attempts > 1
            && await LookBeforeResendAsync(channel, post, now, abort) is { } settled)
        {
            await RecordAsync(post, settled);
            return;
        }

        if (channel.Guarantee != DeliveryGuarantee.Idempotent)
        {
            // Committed before the request leaves: after a crash, an unmarked attempt is known never to have been sent.
            await queue.MarkRequestAsync(post.Id, owner, now, abort);
        }

        var result = await PublishAsync(channel, post, abort);
        var outcome = await ToOutcomeAsync(channel, post, result, abort);
        if (outcome is PostOutcome.Published)
        {
            // Spacing runs from when the post was sent, not from when its answer arrived.
            _lastSent[channelName] = now;
        }

        await RecordAsync(post, outcome);
    }

    private async Task<PublishResult> PublishAsync(IChannel channel, QueuedPost post, CancellationToken abort)
    {
        var outgoing = ChannelLookup.ToOutgoing(post);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await channel.PublishAsync(outgoing, abort);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var kind = result.GetType().Name;
                Log.Attempted(logger, post.Id, channel.Name, post.Attempts, kind, elapsed);
            }

            return result;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return new PublishResult.Unknown("the request was cut off by shutdown; the network may or may not have the post");
        }
        catch (Exception exception)
        {
            // Channels classify expected outcomes themselves; an exception here is an outage or a bug after the
            // request may have left, so the outcome is unknown.
            Log.ChannelThrew(logger, exception, post.Id, channel.Name);
            return new PublishResult.Unknown($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task<PostOutcome> ToOutcomeAsync(IChannel channel, QueuedPost post, PublishResult result, CancellationToken abort)
    {
        var now = timeProvider.GetUtcNow();
        switch (result)
        {
            case PublishResult.Published published:
                Log.Published(logger, post.Id, channel.Name, published.RemoteId, published.Url?.AbsoluteUri);
                return new PostOutcome.Published(published.RemoteId, published.Url);
            case PublishResult.Duplicate duplicate:
                Log.Duplicate(logger, post.Id, channel.Name, duplicate.Detail);
                return new PostOutcome.Published(null, null, "the network reported a duplicate (already published): " + duplicate.Detail);
            case PublishResult.Rejected rejected:
                Log.Rejected(logger, post.Id, channel.Name, rejected.Reason);
                return new PostOutcome.Failed(rejected.Reason);
            case PublishResult.AuthFailed auth:
                var until = now + options.Value.AuthPause;
                _pausedUntil[channel.Name] = until;
                Log.AuthFailed(logger, post.Id, channel.Name, auth.Reason, until);
                return new PostOutcome.Released(until, "authentication failed: " + auth.Reason);
            case PublishResult.RetryLater { NotSent: true, NotBefore: { } refusedUntil } refused:
                // Refused by the channel's own pipeline before anything was sent: not an attempt, or a backlog behind
                // an open circuit or a full window would be dead-lettered without ever reaching the network.
                return new PostOutcome.Released(refusedUntil, refused.Reason);
            case PublishResult.RetryLater retry:
                return RetryOrGiveUp(channel.Name, post, retry.Reason, retry.NotBefore, now);
            case PublishResult.Unknown unknown:
                return await ResolveUnknownAsync(channel, post, unknown.Reason, now, abort);
            default:
                throw new UnreachableException($"Unhandled publish result {result.GetType().Name}.");
        }
    }

    private async Task<PostOutcome> ResolveUnknownAsync(IChannel channel, QueuedPost post, string reason, DateTimeOffset now, CancellationToken abort)
    {
        switch (channel.Guarantee)
        {
            case DeliveryGuarantee.Idempotent:
                return RetryOrGiveUp(channel.Name, post, reason, null, now);
            case DeliveryGuarantee.Lookup when !abort.IsCancellationRequested:
                return await ChannelLookup.FindAsync(channel, post, logger, abort) switch
                {
                    LookupResult.Found found => new PostOutcome.Published(found.Post.RemoteId, found.Post.Url, "found on the network after an unknown outcome"),
                    LookupResult.Unavailable unavailable => LookupPending(channel.Name, post, reason, unavailable, now),

                    // Not there (yet): the next attempt looks again before it sends, so a post the network was slow to
                    // show is still not doubled.
                    _ => RetryOrGiveUp(channel.Name, post, reason + "; not found on the network", null, now),
                };
            default:
                Log.InDoubt(logger, post.Id, channel.Name, reason);
                return new PostOutcome.InDoubt(reason + "; the network cannot dedupe, so it is not re-sent blindly: check the account, then 'queue retry' or 'queue cancel'");
        }
    }

    // An earlier attempt may have reached the network: it is looked up before anything is sent again. Returns the
    // outcome to record instead of sending (found, or the question still open), or null when the network says the
    // post is not there.
    private async Task<PostOutcome?> LookBeforeResendAsync(IChannel channel, QueuedPost post, DateTimeOffset now, CancellationToken abort) =>
        await ChannelLookup.FindAsync(channel, post, logger, abort) switch
        {
            LookupResult.Found found => new PostOutcome.Published(found.Post.RemoteId, found.Post.Url, "found on the network before a resend: an earlier attempt had landed"),
            LookupResult.Unavailable unavailable => LookupPending(channel.Name, post, "not re-sent while an earlier attempt may have landed", unavailable, now),
            _ => null,
        };

    // The lookup could not answer: the post waits for the next try (which looks again) and counts the attempt, so a
    // lookup that can never answer ends in doubt for the operator instead of looping; it is never dead-lettered as
    // failed, because the network may hold it.
    private PostOutcome LookupPending(string channelName, QueuedPost post, string reason, LookupResult.Unavailable unavailable, DateTimeOffset now)
    {
        var why = $"{reason}; the network could not be asked ({unavailable.Reason})";
        if (retryPolicy.Decide(post.Attempts, post.DueAt, why, unavailable.NotBefore, now) is PostOutcome.RetryAt retry)
        {
            Log.RetryScheduled(logger, post.Id, channelName, post.Attempts, retry.NextAttemptAt, retry.Error);
            return retry;
        }

        Log.InDoubt(logger, post.Id, channelName, why);
        return new PostOutcome.InDoubt(why + ": check the account, then 'queue retry' or 'queue cancel'");
    }

    private PostOutcome RetryOrGiveUp(string channelName, QueuedPost post, string reason, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        var outcome = retryPolicy.Decide(post.Attempts, post.DueAt, reason, notBefore, now);
        switch (outcome)
        {
            case PostOutcome.Failed failed:
                Log.DeadLettered(logger, post.Id, channelName, post.Attempts, failed.Error);
                break;
            case PostOutcome.RetryAt retry:
                Log.RetryScheduled(logger, post.Id, channelName, post.Attempts, retry.NextAttemptAt, retry.Error);
                break;
        }

        return outcome;
    }

    private async Task<DateTimeOffset?> GetLastSentAsync(string channel, CancellationToken cancellationToken)
    {
        if (_lastSent.TryGetValue(channel, out var known))
        {
            return known;
        }

        var last = await queue.GetLastPublishedAsync(channel, cancellationToken);
        _lastSent.TryAdd(channel, last);
        return last;
    }

    private async Task RecordAsync(QueuedPost post, PostOutcome outcome)
    {
        // The outcome is written even during shutdown: losing it would leave the post to lease recovery.
        metrics?.RecordOutcome(post, outcome, timeProvider.GetUtcNow());
        var lease = post.Lease ?? throw new InvalidOperationException($"Post {post.Id} was handed to the dispatcher without a lease.");
        if (!await queue.RecordAsync(lease, outcome, timeProvider.GetUtcNow(), CancellationToken.None))
        {
            Log.LeaseLost(logger, post.Id, post.Channel);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel} published: {RemoteId} {RemoteUrl}")]
        public static partial void Published(ILogger logger, long postId, string channel, string remoteId, string? remoteUrl);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Post {PostId} on {Channel}: attempt {Attempt} returned {Result} in {ElapsedMs:F1} ms")]
        public static partial void Attempted(ILogger logger, long postId, string channel, int attempt, string result, double elapsedMs);

        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: the network reports a duplicate ({Detail}); treated as already published")]
        public static partial void Duplicate(ILogger logger, long postId, string channel, string detail);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel} rejected by the network: {Reason}")]
        public static partial void Rejected(ILogger logger, long postId, string channel, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel}: authentication failed ({Reason}); channel paused until {Until:O}, posts kept. Check the channel's credentials.")]
        public static partial void AuthFailed(ILogger logger, long postId, string channel, string reason, DateTimeOffset until);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: attempt {Attempt} failed ({Reason}); next attempt at {NextAttempt:O}")]
        public static partial void RetryScheduled(ILogger logger, long postId, string channel, int attempt, DateTimeOffset nextAttempt, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel} dead-lettered after {Attempts} attempts: {Reason}")]
        public static partial void DeadLettered(ILogger logger, long postId, string channel, int attempts, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel} is in doubt: {Reason}")]
        public static partial void InDoubt(ILogger logger, long postId, string channel, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel} skipped: {Reason}")]
        public static partial void Skipped(ILogger logger, long postId, string channel, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: the channel is not enabled or not configured; the post is kept")]
        public static partial void ChannelUnavailable(ILogger logger, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel}: the channel threw; the outcome is treated as unknown")]
        public static partial void ChannelThrew(ILogger logger, Exception exception, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel}: processing failed; its lease will expire and recovery will take it")]
        public static partial void PostCrashed(ILogger logger, Exception exception, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: the lease was lost before the outcome was recorded (another dispatcher recovered it)")]
        public static partial void LeaseLost(ILogger logger, long postId, string channel);
    }
}
