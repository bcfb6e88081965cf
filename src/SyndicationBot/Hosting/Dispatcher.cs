using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Hosting;

/// <summary>
/// One round of publishing: recover posts whose owner died, claim what is due, send each through its channel
/// and record the outcome. Channels run side by side so one slow network never delays another; posts of one
/// channel go out one at a time, in order.
/// </summary>
internal sealed partial class Dispatcher(
    IPostQueue queue,
    IEnumerable<IChannel> channels,
    IPostDispatchPolicy policy,
    IOptions<DispatchOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider timeProvider,
    ILogger<Dispatcher> logger,
    IChannelSwitches? switches = null,
    SyndicationMetrics? metrics = null)
{
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset?> _lastSent = new(StringComparer.Ordinal);
    private bool _recoveredDeadOwners;

    /// <summary>Identifies this process's leases: host, process id and a per-run nonce.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Runs one round. <paramref name="stopping"/> stops taking new posts; <paramref name="abort"/> cancels a
    /// request in flight (after the shutdown grace). Returns the number of posts handled.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken stopping, CancellationToken abort)
    {
        await RecoverExpiredAsync(stopping);
        var now = timeProvider.GetUtcNow();
        var claimed = await queue.ClaimDueAsync(now, Owner, storage.Value.LeaseDuration, options.Value.BatchSize, stopping);
        if (claimed.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(claimed
            .GroupBy(post => post.Channel, StringComparer.Ordinal)
            .Select(group => ProcessChannelAsync(group.Key, [.. group], stopping, abort)));
        return claimed.Count;
    }

    private async Task ProcessChannelAsync(string channelName, IReadOnlyList<QueuedPost> posts, CancellationToken stopping, CancellationToken abort)
    {
        foreach (var post in posts)
        {
            try
            {
                await ProcessPostAsync(channelName, post, stopping, abort);
            }
            catch (Exception exception) when (!abort.IsCancellationRequested)
            {
                // A bug or an outage of the ledger for this post must not strand the rest of the batch; its lease expires and recovery takes it.
                Log.PostCrashed(logger, exception, post.Id, channelName);
            }
        }
    }

    private async Task ProcessPostAsync(string channelName, QueuedPost post, CancellationToken stopping, CancellationToken abort)
    {
        var now = timeProvider.GetUtcNow();
        if (stopping.IsCancellationRequested)
        {
            await RecordAsync(post, new PostOutcome.Released(post.NextAttemptAt ?? post.DueAt, "released at shutdown before sending"));
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

        if (channel.Guarantee != DeliveryGuarantee.Idempotent && queue is IRequestMarks marks)
        {
            // Committed before the request leaves: after a crash, an unmarked attempt is known never to have been sent.
            await marks.MarkRequestAsync(post.Id, Owner, now, abort);
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
        var outgoing = new OutgoingPost(post.Id, post.IdempotencyKey, post.Attempts, post.Draft);
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
                var found = await LookupAsync(channel, post, abort);
                if (found is not null)
                {
                    return new PostOutcome.Published(found.RemoteId, found.Url, "found on the network after an unknown outcome");
                }

                return RetryOrGiveUp(channel.Name, post, reason, null, now);
            default:
                Log.InDoubt(logger, post.Id, channel.Name, reason);
                return new PostOutcome.InDoubt(reason + "; the network cannot dedupe, so it is not re-sent blindly: check the account, then 'queue retry' or 'queue cancel'");
        }
    }

    private PostOutcome RetryOrGiveUp(string channelName, QueuedPost post, string reason, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        var settings = options.Value;
        if (post.Attempts >= settings.MaxAttempts || now - post.DueAt > settings.MaxRetryAge)
        {
            Log.DeadLettered(logger, post.Id, channelName, post.Attempts, reason);
            return new PostOutcome.Failed($"gave up after {post.Attempts} attempts: {reason}");
        }

        var exponent = Math.Min(post.Attempts - 1, 10);
        var backoff = settings.RetryBaseDelay * Math.Pow(2, exponent);
        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks, TimeSpan.FromHours(1).Ticks));

        // Full jitter on half the delay spreads retries of many posts without ever retrying sooner than half the backoff.
        backoff = (backoff / 2) + (backoff / 2 * Random.Shared.NextDouble());
        var next = now + backoff;
        if (notBefore is { } floor && floor > next)
        {
            next = floor;
        }

        Log.RetryScheduled(logger, post.Id, channelName, post.Attempts, next, reason);
        return new PostOutcome.RetryAt(next, reason);
    }

    private async Task RecoverExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expired = await queue.GetExpiredLeasesAsync(now, cancellationToken);
        if (!_recoveredDeadOwners)
        {
            // At start, leases of a dispatcher on this host that is no longer running (killed, crashed, OOM) are taken
            // at once: waiting for them to expire would hold its posts back for a whole lease after every restart.
            var held = await queue.GetExpiredLeasesAsync(DateTimeOffset.MaxValue, cancellationToken);
            expired = [.. expired, .. held.Where(post => post.LeaseExpiresAt > now && IsDeadLocalOwner(post.LeaseOwner))];
            _recoveredDeadOwners = true;
        }

        foreach (var post in expired)
        {
            var guarantee = _channels.TryGetValue(post.Channel, out var channel) ? channel.Guarantee : DeliveryGuarantee.None;
            PostOutcome outcome = guarantee switch
            {
                DeliveryGuarantee.Idempotent => new PostOutcome.RetryAt(now, "recovered after its dispatcher stopped mid-attempt; re-sent with the same idempotency key"),
                _ when await NeverSentAsync(post, cancellationToken) =>
                    new PostOutcome.Released(post.NextAttemptAt ?? post.DueAt, "recovered after its dispatcher stopped before sending it; queued again"),
                DeliveryGuarantee.Lookup when channel is not null && await LookupAsync(channel, post, cancellationToken) is { } found =>
                    new PostOutcome.Published(found.RemoteId, found.Url, "found on the network after its dispatcher stopped mid-attempt"),
                DeliveryGuarantee.Lookup => new PostOutcome.RetryAt(now, "recovered after its dispatcher stopped mid-attempt; not found on the network"),
                _ => new PostOutcome.InDoubt("the dispatcher stopped during the network call and this network cannot dedupe: check the account, then 'queue retry' or 'queue cancel'"),
            };
            if (await queue.RecordAsync(post.Id, post.LeaseOwner, outcome, now, cancellationToken))
            {
                Log.Recovered(logger, post.Id, post.Channel, outcome.GetType().Name);
            }
        }
    }

    // Only a dispatcher of this build (its owner format) marks each request before sending; for any other owner an
    // unmarked attempt proves nothing, so the post stays in doubt.
    private async Task<bool> NeverSentAsync(QueuedPost post, CancellationToken cancellationToken) =>
        queue is IRequestMarks marks
        && post.LeaseOwner is { } owner
        && owner.Split('/') is [{ Length: > 0 }, var pid, { Length: 32 } nonce]
        && int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
        && nonce.All(char.IsAsciiHexDigitLower)
        && !await marks.WasRequestMarkedAsync(post.Id, owner, cancellationToken);

    /// <summary>
    /// True when <paramref name="owner"/> ("{machine}/{pid}/{nonce}") names a process on this host that is gone.
    /// A live process with that id (even one that reused the id) keeps its lease until it expires, so a mistake
    /// here can only delay recovery, never take a lease from a running dispatcher.
    /// </summary>
    internal bool IsDeadLocalOwner(string? owner)
    {
        var parts = owner?.Split('/');
        if (parts is not { Length: 3 } || owner == Owner
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            // Another dispatcher in this very process (two hosts on one ledger, as tests do) is alive.
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            // No process with that id is running.
            return true;
        }
        catch (InvalidOperationException)
        {
            // Its state cannot be read: treat it as alive and let its lease expire.
            return false;
        }
    }

    private async Task<PublishResult.Published?> LookupAsync(IChannel channel, QueuedPost post, CancellationToken cancellationToken)
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
        if (!await queue.RecordAsync(post.Id, Owner, outcome, timeProvider.GetUtcNow(), CancellationToken.None))
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

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel} recovered from an expired lease as {Outcome}")]
        public static partial void Recovered(ILogger logger, long postId, string channel, string outcome);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: the channel is not enabled or not configured; the post is kept")]
        public static partial void ChannelUnavailable(ILogger logger, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel}: the channel threw; the outcome is treated as unknown")]
        public static partial void ChannelThrew(ILogger logger, Exception exception, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: looking the post up on the network failed")]
        public static partial void LookupFailed(ILogger logger, Exception exception, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Error, Message = "Post {PostId} on {Channel}: processing failed; its lease will expire and recovery will take it")]
        public static partial void PostCrashed(ILogger logger, Exception exception, long postId, string channel);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: the lease was lost before the outcome was recorded (another dispatcher recovered it)")]
        public static partial void LeaseLost(ILogger logger, long postId, string channel);
    }
}
