using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting;

/// <summary>
/// Publishes posts when they fall due: sleeps until the next due post (on <see cref="TimeProvider"/>), wakes
/// early when something is enqueued, and looks at the ledger at least every <see cref="DispatchOptions.MaxIdle"/>
/// so changes made by the queue verbs from another process are picked up without a restart.
/// </summary>
internal sealed partial class DispatchService(
    Dispatcher dispatcher,
    IPostQueue queue,
    DispatchSignal signal,
    IOptions<DispatchOptions> options,
    TimeProvider timeProvider,
    ILogger<DispatchService> logger,
    LoopHeartbeats? heartbeats = null) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.InitializeAsync(stoppingToken);
        using var registration = stoppingToken.Register(AbortAfterGrace);
        Log.Started(logger, dispatcher.Owner);
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeats?.Beat(LoopHeartbeats.Dispatcher);
            var delay = options.Value.MaxIdle;
            try
            {
                var handled = await dispatcher.RunOnceAsync(stoppingToken, _abort.Token);
                if (handled > 0)
                {
                    // More may be due right away (a full batch, or retries now ready): look again before sleeping.
                    continue;
                }

                if (await queue.GetNextWakeAsync(stoppingToken) is { } next)
                {
                    var untilNext = next - timeProvider.GetUtcNow();
                    delay = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < delay ? untilNext : delay;
                }
            }
            catch (LedgerUnavailableException exception)
            {
                // Not a round to try again: the file under the service is gone or another one. The host stops (exit 1).
                Log.LedgerLost(logger, exception.Message);
                throw;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.RoundFailed(logger, exception);
            }

            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await signal.WaitAsync(delay, timeProvider, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        Log.Stopped(logger);
    }

    private void AbortAfterGrace()
    {
        var grace = options.Value.ShutdownGrace;
        _ = Task.Delay(grace, timeProvider, CancellationToken.None).ContinueWith(
            _ =>
            {
                try
                {
                    _abort.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The service finished before the grace ran out: nothing left to abort.
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Dispatcher {Owner} started")]
        public static partial void Started(ILogger logger, LeaseOwner owner);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dispatcher stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Dispatch stopped: {Reason}")]
        public static partial void LedgerLost(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch round failed; trying again shortly")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
