namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// When posts go out (section <c>Schedule</c>). <see cref="Default"/> applies to every channel;
/// <c>Schedule:Channels:&lt;name&gt;</c> overrides it key by key.
/// </summary>
internal sealed class ScheduleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Schedule";

    /// <summary>The time zone used when none is configured.</summary>
    public const string DefaultTimeZone = "Africa/Casablanca";

    /// <summary>
    /// <c>Schedule:MinSpacing</c>: the least time between two posts of one channel (default 5 minutes).
    /// It keeps its first-version meaning; <c>Schedule:Default:MinSpacing</c> or a channel's own
    /// <c>MinSpacing</c> override it.
    /// </summary>
    public TimeSpan MinSpacing { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Schedule:Default</c>: the policy for every channel without its own value.</summary>
    public ChannelScheduleOptions Default { get; set; } = new();

    /// <summary><c>Schedule:Channels:&lt;name&gt;</c>: per-channel overrides of <see cref="Default"/>.</summary>
    public Dictionary<string, ChannelScheduleOptions> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);
}
