using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Publishing;
using SyndicationBot.Publishing.Budget;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting;

/// <summary>
/// Copies this process's loop heartbeats to the ledger every <see cref="HealthOptions.HeartbeatInterval"/>, so
/// <c>status</c> run from another process can tell a running service from none; forgets them on a clean stop.
/// </summary>
internal sealed partial class HeartbeatService(
    LoopHeartbeats heartbeats,
    IServiceHeartbeats ledger,
    IOptions<HealthOptions> options,
    TimeProvider timeProvider,
    ILogger<HeartbeatService> logger,
    ILedgerGauges? gauges = null,
    SyndicationMetrics? metrics = null,
    BudgetMeter? budgets = null,
    ChannelAccounts? accounts = null) : BackgroundService
{
    /// <summary>One write: every loop's last beat (a loop that never turned yet is written with the start time).</summary>
    public async Task WriteOnceAsync(CancellationToken cancellationToken)
    {
        var beats = heartbeats.Snapshot();
        foreach (var loop in LoopHeartbeats.Required.Union(beats.Keys, StringComparer.Ordinal))
        {
            var at = beats.TryGetValue(loop, out var beat) ? beat : heartbeats.StartedAt;
            await ledger.BeatAsync(heartbeats.Owner, loop, heartbeats.StartedAt, at, cancellationToken);
        }

        if (gauges is not null && metrics is not null)
        {
            metrics.SetQueueDepth(await gauges.CountByChannelAndStateAsync(cancellationToken));
        }

        if (budgets is not null && accounts is not null && metrics is not null)
        {
            var usage = new List<BudgetUsage>();
            foreach (var account in accounts.All)
            {
                if (await budgets.UsageAsync(account.Id, timeProvider.GetUtcNow(), cancellationToken) is { } use)
                {
                    usage.Add(use);
                }
            }

            metrics.SetBudgets(usage);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await ledger.RemoveHeartbeatsAsync(heartbeats.Owner, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Its rows then age out: status reports the service gone after three missed beats.
            Log.WriteFailed(logger, exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WriteOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.WriteFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the service heartbeat to the ledger failed; trying again at the next beat")]
        public static partial void WriteFailed(ILogger logger, Exception exception);
    }
}
