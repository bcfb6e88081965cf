using SyndicationBot.Queue;

namespace SyndicationBot.Publishing;

/// <summary>
/// When a post that failed transiently is tried again, or given up on. Backoff doubles from
/// <see cref="DispatchOptions.RetryBaseDelay"/> (capped at an hour) with jitter, and never comes sooner than the wait
/// the network asked for; a network's wait beyond <see cref="DispatchOptions.MaxServerWait"/> is not honoured as-is
/// (a wrong or hostile header would park the post for years): the post is tried at the cap, and its error says so.
/// </summary>
/// <param name="options">The dispatch settings (already validated).</param>
/// <param name="nextJitter">A value in [0, 1) per decision; <c>Random.Shared.NextDouble</c> in the service, fixed in tests.</param>
internal sealed class RetryPolicy(DispatchOptions options, Func<double> nextJitter)
{
    /// <summary>In the last error of a post whose network asked for a longer wait than the cap (what <c>status</c> looks for).</summary>
    public const string BeyondMaxServerWait = "beyond " + DispatchOptions.SectionName + ":MaxServerWait";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>
    /// The outcome of a failed attempt: <see cref="PostOutcome.RetryAt"/>, or <see cref="PostOutcome.Failed"/> once the
    /// post has used <see cref="DispatchOptions.MaxAttempts"/> or is older than <see cref="DispatchOptions.MaxRetryAge"/>.
    /// </summary>
    /// <param name="attempts">Attempts made so far, this one included.</param>
    /// <param name="dueAt">When the post was due.</param>
    /// <param name="reason">What went wrong, for the ledger's last error.</param>
    /// <param name="notBefore">The network's own "not before" instant, when it gave one.</param>
    /// <param name="now">The current time.</param>
    public PostOutcome Decide(int attempts, DateTimeOffset dueAt, string reason, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        var cap = now + options.MaxServerWait;
        var overCap = notBefore > cap
            ? $"the network asked to wait until {notBefore:O}, {BeyondMaxServerWait} ({options.MaxServerWait})"
            : null;
        if (attempts >= options.MaxAttempts || now - dueAt > options.MaxRetryAge)
        {
            return new PostOutcome.Failed($"gave up after {attempts} attempts: {reason}{(overCap is null ? null : $" ({overCap})")}");
        }

        // The network's wait is a floor for the backoff, and the cap bounds only the network's wait.
        var next = now + Backoff(attempts);
        var floor = overCap is null ? notBefore : cap;
        if (floor > next)
        {
            next = floor.Value;
        }

        return new PostOutcome.RetryAt(next, overCap is null ? reason : $"{reason} ({overCap}: not honoured, tried again at {next:O})");
    }

    /// <summary>The wait after attempt <paramref name="attempts"/>, before any wait the network asked for.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 10);
        var backoff = options.RetryBaseDelay * Math.Pow(2, exponent);
        backoff = backoff > MaxBackoff ? MaxBackoff : backoff;

        // Full jitter on half the delay spreads retries of many posts without ever retrying sooner than half the backoff.
        var jitter = nextJitter();
        jitter = double.IsNaN(jitter) ? 0 : Math.Clamp(jitter, 0, 1);
        return (backoff / 2) + (backoff / 2 * jitter);
    }
}
