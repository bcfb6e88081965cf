using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Http;

/// <summary>
/// Readiness: the ledger answers and is migrated to this build's schema. Channels whose credentials the network
/// refused are listed (their posts are kept); they do not make the service unready, the other channels still publish.
/// </summary>
internal sealed class ReadinessCheck(IPostQueue queue)
{
    private const string AuthMarker = "authentication failed";

    /// <summary>Whether the ledger is usable, why not, and the channels held back by refused credentials.</summary>
    public async Task<(bool Ready, string? Problem, IReadOnlyList<string> RefusedChannels)> EvaluateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await queue.InitializeAsync(cancellationToken);
            await queue.CountByStateAsync(cancellationToken);
            var waiting = await queue.ListAsync([PostState.Queued, PostState.RetryWaiting], 500, newestFirst: false, cancellationToken);
            var refused = waiting
                .Where(p => p.LastError?.StartsWith(AuthMarker, StringComparison.Ordinal) == true)
                .Select(p => p.Channel)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return (true, null, refused);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type: its message may carry a path, never shown on an unauthenticated endpoint.
            return (false, $"the ledger cannot be read ({exception.GetType().Name})", []);
        }
    }
}
