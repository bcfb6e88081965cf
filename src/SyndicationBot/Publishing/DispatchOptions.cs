using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Publishing;

/// <summary>How the dispatcher claims, retries and gives up on posts.</summary>
internal sealed class DispatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dispatch";

    /// <summary>Posts claimed per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>The longest the dispatcher sleeps without looking at the ledger (picks up changes made by the queue verbs).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before a post that keeps failing transiently is dead-lettered (Failed).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long after its due time a post may keep being retried before it is dead-lettered.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxRetryAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first retry delay; doubled on each attempt (with jitter), capped at one hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait a network may impose on a post (<c>Retry-After</c>, a rate-limit reset, Telegram's <c>retry_after</c>).
    /// A longer one is not honoured as-is: the post is tried again after this long (or dead-lettered by the usual rules),
    /// and its last error says what the network asked for.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxServerWait { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a channel whose credentials were refused stays paused before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AuthPause { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>On shutdown, how long a request in flight may run before it is cancelled (its post then becomes in-doubt or is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:08")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);
}
