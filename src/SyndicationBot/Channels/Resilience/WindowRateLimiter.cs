using System.Threading.RateLimiting;

namespace SyndicationBot.Channels.Resilience;

/// <summary>
/// N permits per fixed window, on a <see cref="TimeProvider"/>. Hand-written because the runtime's replenishing
/// limiters read <c>Stopwatch</c> even when replenished by hand, so a fake clock cannot move them. It never
/// queues: a post that would have to wait goes back to the ledger with the window's end as its time.
/// </summary>
internal sealed class WindowRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider) : RateLimiter
{
    private readonly Lock gate = new();
    private DateTimeOffset windowEnd = DateTimeOffset.MinValue;
    private int used;
    private long successful;
    private long failed;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = timeProvider.GetUtcNow() >= windowEnd ? permitLimit : permitLimit - used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = successful,
                TotalFailedLeases = failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            if (now >= windowEnd)
            {
                windowEnd = now + window;
                used = 0;
            }

            if (used + permitCount <= permitLimit)
            {
                used += permitCount;
                successful++;
                return WindowLease.Granted;
            }

            failed++;
            return new WindowLease(false, windowEnd - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
