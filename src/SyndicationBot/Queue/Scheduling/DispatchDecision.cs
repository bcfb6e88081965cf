namespace SyndicationBot.Queue.Scheduling;

/// <summary>What the dispatcher does with a due post.</summary>
internal abstract record DispatchDecision
{
    private DispatchDecision()
    {
    }

    /// <summary>Send it now.</summary>
    public sealed record Send : DispatchDecision;

    /// <summary>Not yet (spacing, quiet hours, daily cap reached): put it back until <paramref name="Until"/>.</summary>
    public sealed record Defer(DateTimeOffset Until, string Reason) : DispatchDecision;

    /// <summary>Never send it (too old, missed beyond MaxLateness): record the reason.</summary>
    public sealed record Skip(string Reason) : DispatchDecision;

    /// <summary>Shared instance of <see cref="Send"/>.</summary>
    public static DispatchDecision SendNow { get; } = new Send();
}
