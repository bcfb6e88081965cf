using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SyndicationBot.Channels;
using SyndicationBot.Queue;

namespace SyndicationBot.Publishing;

/// <summary>
/// Takes back posts left <see cref="PostState.Publishing"/> by a dispatcher that stopped mid-attempt, each by its
/// channel's guarantee: re-sent where the network dedupes, queued again where the request provably never left (no
/// request mark), looked up where the network can find it, and in doubt only where it may have been sent.
/// </summary>
/// <param name="queue">The ledger.</param>
/// <param name="channels">The channels by name.</param>
/// <param name="self">This dispatcher, whose own leases are never taken.</param>
/// <param name="processHasExited">Whether a process of this host is gone; tests may fake it, the service asks the OS.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The dispatcher's logger.</param>
internal sealed partial class LeaseRecovery(
    IDispatchLedger queue,
    IReadOnlyDictionary<string, IChannel> channels,
    LeaseOwner self,
    Func<int, bool> processHasExited,
    TimeProvider timeProvider,
    ILogger logger)
{
    private bool _recoveredDeadOwners;

    /// <summary>
    /// Recovers expired leases; on the first call also the leases of dispatchers on this host that are no longer
    /// running (killed, crashed, OOM), at once: waiting for them to expire would hold their posts back for a whole
    /// lease after every restart.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expired = await queue.GetExpiredLeasesAsync(now, cancellationToken);
        if (!_recoveredDeadOwners)
        {
            var held = await queue.GetExpiredLeasesAsync(DateTimeOffset.MaxValue, cancellationToken);
            expired = [.. expired, .. held.Where(post => post.LeaseExpiresAt > now && IsDeadLocalOwner(post.LeaseOwner))];
            _recoveredDeadOwners = true;
        }

        foreach (var post in expired)
        {
            var guarantee = channels.TryGetValue(post.Channel, out var channel) ? channel.Guarantee : DeliveryGuarantee.None;
            PostOutcome outcome = guarantee switch
            {
                DeliveryGuarantee.Idempotent => new PostOutcome.RetryAt(now, "recovered after its dispatcher stopped mid-attempt; re-sent with the same idempotency key"),
                _ when await NeverSentAsync(post, cancellationToken) =>
                    new PostOutcome.Released(post.NextAttemptAt ?? post.DueAt, "recovered after its dispatcher stopped before sending it; queued again"),
                DeliveryGuarantee.Lookup when channel is not null => await ChannelLookup.FindAsync(channel, post, logger, cancellationToken) switch
                {
                    LookupResult.Found found => new PostOutcome.Published(found.Post.RemoteId, found.Post.Url, "found on the network after its dispatcher stopped mid-attempt"),
                    LookupResult.Unavailable unavailable => new PostOutcome.RetryAt(
                        unavailable.NotBefore is { } notBefore && notBefore > now ? notBefore : now,
                        $"recovered after its dispatcher stopped mid-attempt; the network could not be asked ({unavailable.Reason}), so it is looked up again before any resend"),
                    _ => new PostOutcome.RetryAt(now, "recovered after its dispatcher stopped mid-attempt; not found on the network"),
                },
                _ => new PostOutcome.InDoubt("the dispatcher stopped during the network call and this network cannot dedupe: check the account, then 'queue retry' or 'queue cancel'"),
            };
            // Under the expired claim's own token: if its owner recorded an outcome meanwhile, or the post was claimed
            // again, this changes nothing.
            if (post.Lease is { } lease && await queue.RecordAsync(lease, outcome, now, cancellationToken))
            {
                Log.Recovered(logger, post.Id, post.Channel, outcome.GetType().Name);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="owner"/> is a dispatcher of this host whose process is gone. A live process with that
    /// id (even one that reused the id) keeps its lease until it expires, so a mistake here can only delay recovery,
    /// never take a lease from a running dispatcher.
    /// </summary>
    public bool IsDeadLocalOwner(string? owner) =>
        LeaseOwner.TryParse(owner, out var parsed)
        && parsed != self
        && parsed.IsOnThisMachine

        // Another dispatcher in this very process (two hosts on one ledger, as tests do) is alive.
        && parsed.ProcessId != Environment.ProcessId
        && processHasExited(parsed.ProcessId);

    /// <summary>Asks the OS whether process <paramref name="processId"/> of this host has exited.</summary>
    public static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
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

    // Only a dispatcher of this build (an owner it can parse) marks each request before sending; for any other owner
    // an unmarked attempt proves nothing, so the post stays in doubt.
    private async Task<bool> NeverSentAsync(QueuedPost post, CancellationToken cancellationToken) =>
        LeaseOwner.TryParse(post.LeaseOwner, out var owner)
        && !await queue.WasRequestMarkedAsync(post.Id, owner.ToString(), cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel} recovered from an expired lease as {Outcome}")]
        public static partial void Recovered(ILogger logger, long postId, string channel, string outcome);
    }
}
