using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using SyndicationBot.Configuration;

namespace SyndicationBot.Channels.Resilience;

/// <summary>
/// Runs one channel's publishes through its own pipeline (rate limiter → total time-out → retry → circuit breaker →
/// attempt time-out) and turns what the pipeline throws into <see cref="PublishResult"/> values: a full window or
/// an open circuit becomes RetryLater, a time-out on a channel that cannot dedupe becomes Unknown.
/// </summary>
internal sealed partial class ResilientChannel(
    IChannel inner,
    ResiliencePipeline<PublishResult> pipeline,
    CircuitBreakerStateProvider circuit,
    IDisposable? ownedLimiter,
    TimeProvider timeProvider,
    ILogger<ResilientChannel> logger,
    SecretRedactor? redactor = null) : IChannel, IDisposable
{
    public static readonly ResiliencePropertyKey<long> PostIdKey = new("SyndicationBot.PostId");

    /// <summary>The reason of a RetryLater for a publish the proactive limiter refused: nothing was sent.</summary>
    public const string WindowFullReason = "proactive rate limit: the channel's window is full";

    /// <summary>The reason of a RetryLater for a publish the open circuit refused: nothing was sent.</summary>
    public const string CircuitOpenReason = "circuit open: the network keeps failing";

    public IChannel Inner => inner;

    /// <summary>The channel's circuit, for health reports: Open or Isolated means the network is failing now.</summary>
    public CircuitState Circuit => circuit.CircuitState;

    public string Name => inner.Name;

    public bool Enabled => inner.Enabled;

    public DeliveryGuarantee Guarantee => inner.Guarantee;

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Redact(await PublishCoreAsync(post, cancellationToken));

    public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        inner.LookupAsync(post, cancellationToken);

    public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>
        inner.RetractAsync(request, cancellationToken);

    public void Dispose() => ownedLimiter?.Dispose();

    // Every channel's result passes here on its way to the logs and the ledger: a network's error text often
    // echoes the request (a 404 page quoting the webhook URL, a proxy quoting the Authorization header).
    private PublishResult Redact(PublishResult result) => redactor is null ? result : result switch
    {
        PublishResult.RetryLater r => r with { Reason = redactor.Redact(r.Reason)! },
        PublishResult.AuthFailed a => a with { Reason = redactor.Redact(a.Reason)! },
        PublishResult.Rejected r => r with { Reason = redactor.Redact(r.Reason)! },
        PublishResult.Unknown u => u with { Reason = redactor.Redact(u.Reason)! },
        PublishResult.Duplicate d => d with { Detail = redactor.Redact(d.Detail)! },
        _ => result,
    };

    private async Task<PublishResult> PublishCoreAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PostIdKey, post.PostId);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<PublishResult>(state.inner.PublishAsync(state.post, ctx.CancellationToken)),
                context,
                (inner, post));
        }
        catch (RateLimiterRejectedException exception)
        {
            var notBefore = timeProvider.GetUtcNow() + (exception.RetryAfter ?? TimeSpan.FromMinutes(1));
            Log.WindowFull(logger, post.PostId, Name, notBefore);
            return new PublishResult.RetryLater(WindowFullReason, notBefore, RateLimited: true, NotSent: true);
        }
        catch (BrokenCircuitException exception)
        {
            var notBefore = timeProvider.GetUtcNow() + (exception.RetryAfter ?? TimeSpan.FromSeconds(30));
            Log.CircuitOpen(logger, post.PostId, Name, notBefore);
            return new PublishResult.RetryLater(CircuitOpenReason, notBefore, NotSent: true);
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, post.PostId, Name, Guarantee);
            return Guarantee == DeliveryGuarantee.Idempotent
                ? new PublishResult.RetryLater("timed out; the network dedupes a resend", null)
                : new PublishResult.Unknown("timed out after the request may have been sent; outcome unknown");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: proactive rate limit reached, not before {NotBefore}")]
        public static partial void WindowFull(ILogger logger, long postId, string channel, DateTimeOffset notBefore);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: circuit open, not before {NotBefore}")]
        public static partial void CircuitOpen(ILogger logger, long postId, string channel, DateTimeOffset notBefore);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: timed out (guarantee {Guarantee})")]
        public static partial void TimedOut(ILogger logger, long postId, string channel, DeliveryGuarantee guarantee);
    }
}
