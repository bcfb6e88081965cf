namespace SyndicationBot.Channels.Resilience;

/// <summary>At most <paramref name="Permits"/> publishes per <paramref name="Window"/>, before the network has to say no.</summary>
internal readonly record struct ProactiveLimit(int Permits, TimeSpan Window)
{
    /// <summary>No proactive limit (the local outbox; also what <c>PermitsPerWindow=0</c> means).</summary>
    public static ProactiveLimit None { get; } = new(0, TimeSpan.FromMinutes(1));
}
