namespace SyndicationBot.Channels.Resilience;

/// <summary>
/// The resilience pipeline of one channel, named options keyed by the channel name and bound from
/// <c>Channels:{Name}:Resilience</c> (e.g. <c>Channels:X:Resilience:PermitsPerWindow</c>) over the
/// network's documented defaults (<see cref="ChannelResilienceDefaults"/>).
/// </summary>
internal sealed class ChannelResilienceOptions
{
    /// <summary>Proactive limit: at most this many publishes per <see cref="Window"/>; 0 lifts the limit.</summary>
    public int PermitsPerWindow { get; set; }

    /// <summary>The window of <see cref="PermitsPerWindow"/>.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Upper bound of one publish including in-pipeline retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound of one HTTP attempt. On a channel without idempotency a time-out is an unknown outcome.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>In-pipeline retries, only for channels whose guarantee is Idempotent.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; doubles with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A retry that would wait longer than this is handed back as RetryLater so the ledger holds the post.</summary>
    public TimeSpan MaxInPipelineDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of failed attempts in <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the ratio counts.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit refuses publishes (they come back as RetryLater).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public override string ToString() =>
        $"PermitsPerWindow={PermitsPerWindow}, Window={Window}, TotalTimeout={TotalTimeout}, AttemptTimeout={AttemptTimeout}, MaxRetryAttempts={MaxRetryAttempts}, BreakDuration={BreakDuration}";
}
