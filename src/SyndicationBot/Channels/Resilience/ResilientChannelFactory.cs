using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SyndicationBot.Configuration;

namespace SyndicationBot.Channels.Resilience;

/// <summary>
/// Wraps a channel in its own pipeline, so one network's open circuit or full window never delays another.
/// Order (outermost first): proactive rate limiter, total time-out, retry (Idempotent channels only), circuit
/// breaker, attempt time-out. All time runs on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ResilientChannelFactory(
    IOptionsMonitor<ChannelResilienceOptions> optionsMonitor,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    SecretRedactor? redactor = null)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<ResilientChannelFactory>();

    public IChannel Wrap(IChannel channel)
    {
        if (channel is ResilientChannel)
        {
            return channel;
        }

        var options = optionsMonitor.Get(channel.Name);
        var limiter = options.PermitsPerWindow > 0 ? new WindowRateLimiter(options.PermitsPerWindow, options.Window, timeProvider) : null;
        var circuit = new CircuitBreakerStateProvider();
        var pipeline = Build(channel, options, limiter, circuit);
        return new ResilientChannel(channel, pipeline, circuit, limiter, timeProvider, loggerFactory.CreateLogger<ResilientChannel>(), redactor);
    }

    private ResiliencePipeline<PublishResult> Build(IChannel channel, ChannelResilienceOptions options, WindowRateLimiter? limiter, CircuitBreakerStateProvider circuit)
    {
        var builder = new ResiliencePipelineBuilder<PublishResult> { Name = channel.Name, TimeProvider = timeProvider };
        if (limiter is not null)
        {
            builder.AddRateLimiter(limiter);
        }

        builder.AddTimeout(options.TotalTimeout);

        // A resend is only safe where the network dedupes on our key: Mastodon's Idempotency-Key, Bluesky's record key, the outbox's file; never X, Telegram or Facebook.
        if (channel.Guarantee == DeliveryGuarantee.Idempotent && options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<PublishResult>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxInPipelineDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result: PublishResult.RetryLater retry } => WaitFor(retry) <= options.MaxInPipelineDelay,
                    { Exception: TimeoutRejectedException or HttpRequestException } => true,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is PublishResult.RetryLater { NotBefore: not null } retry ? WaitFor(retry) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var postId = args.Context.Properties.GetValue(ResilientChannel.PostIdKey, 0);
                    Log.Retrying(logger, postId, channel.Name, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<PublishResult>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            StateProvider = circuit,

            // Outages count; a rate limit, a refusal or a revoked token says nothing about the network's health.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Result: PublishResult.RetryLater { RateLimited: false } or PublishResult.Unknown } => true,
                { Exception: TimeoutRejectedException or HttpRequestException } => true,
                _ => false,
            }),
            OnOpened = args =>
            {
                Log.CircuitOpened(logger, channel.Name, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(logger, channel.Name);
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();

        TimeSpan WaitFor(PublishResult.RetryLater retry) =>
            retry.NotBefore is { } notBefore ? Max(notBefore - timeProvider.GetUtcNow(), TimeSpan.Zero) : options.RetryBaseDelay;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: retry {Attempt} in {Delay}")]
        public static partial void Retrying(ILogger logger, long postId, string channel, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "{Channel}: circuit opened for {BreakDuration}; other channels are unaffected")]
        public static partial void CircuitOpened(ILogger logger, string channel, TimeSpan breakDuration);

        [LoggerMessage(EventId = 1513, Level = LogLevel.Information, Message = "{Channel}: circuit closed")]
        public static partial void CircuitClosed(ILogger logger, string channel);
    }
}
