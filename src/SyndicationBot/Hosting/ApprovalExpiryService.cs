using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Ingestion.Routing;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting;

/// <summary>
/// Cancels held posts nobody approved within <c>Approval:MaxWait</c>, each with the reason (so `queue list --all`
/// and `history` say what became of it); checks every <c>Approval:CheckInterval</c>. Without MaxWait it does nothing.
/// </summary>
internal sealed partial class ApprovalExpiryService(
    IOptions<ApprovalOptions> options,
    IPostQueue queue,
    TimeProvider timeProvider,
    ILogger<ApprovalExpiryService> logger) : BackgroundService
{
    /// <summary>One check: the ids of the held posts it cancelled.</summary>
    public async Task<IReadOnlyList<long>> ExpireOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MaxWait is not { } maxWait)
        {
            return [];
        }

        var now = timeProvider.GetUtcNow();
        await queue.InitializeAsync(cancellationToken);
        var expired = await queue.ExpireHeldAsync(now - maxWait, $"not approved within Approval:MaxWait {maxWait}; cancelled", now, cancellationToken);
        foreach (var id in expired)
        {
            Log.Expired(logger, id, maxWait);
        }

        return expired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.MaxWait is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ExpireOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.CheckFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.CheckInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId}: held for approval longer than Approval:MaxWait {MaxWait}; cancelled")]
        public static partial void Expired(ILogger logger, long postId, TimeSpan maxWait);

        [LoggerMessage(Level = LogLevel.Error, Message = "Checking held posts against Approval:MaxWait failed; trying again at the next check")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
