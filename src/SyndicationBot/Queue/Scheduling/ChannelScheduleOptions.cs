namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// One schedule section (<c>Schedule:Default</c> or <c>Schedule:Channels:&lt;name&gt;</c>).
/// Every value left unset is inherited from <c>Schedule:Default</c>, then from the built-in default.
/// </summary>
internal sealed class ChannelScheduleOptions
{
    /// <summary>
    /// <c>Spacing</c>, <c>Slots</c> or <c>Cron</c> (see <see cref="SchedulePolicy"/>). When unset, a section that
    /// sets only <see cref="Slots"/>/<see cref="Weekdays"/> means Slots and one that sets only <see cref="Cron"/>
    /// means Cron; otherwise it is inherited, and Spacing by default. A string, so a misspelt policy stops
    /// start-up with the key instead of being dropped by the binder.
    /// </summary>
    public string? Policy { get; set; }

    /// <summary>The least time between two posts of this channel; default <c>Schedule:MinSpacing</c>.</summary>
    public TimeSpan? MinSpacing { get; set; }

    /// <summary>Daily local slots, <c>HH:mm</c> (an entry may hold several, comma-separated).</summary>
    public List<string> Slots { get; } = [];

    /// <summary>
    /// Per-weekday slot lists (<c>Weekdays:Monday</c> = <c>["09:00", "18:00"]</c>) replacing <see cref="Slots"/>
    /// on that day; <c>off</c> means no slot that day. Setting <see cref="Slots"/> or this on a channel
    /// replaces both inherited lists.
    /// </summary>
    public Dictionary<string, List<string>> Weekdays { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A cron expression (5 fields, or 6 with seconds first), evaluated in <see cref="TimeZone"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>IANA time zone id for slots, cron, quiet hours and days; default <c>Africa/Casablanca</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Local hours with no posting, <c>HH:mm-HH:mm</c> (may wrap midnight, e.g. <c>23:00-07:00</c>).</summary>
    public string? QuietHours { get; set; }

    /// <summary>The most posts per local day on this channel (urgent posts are not held back by it).</summary>
    public int? MaxPerDay { get; set; }

    /// <summary>An unsent post whose due time is older than this is skipped with the reason.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>
    /// After downtime, a post that missed its time by more than this is skipped with the reason;
    /// those missed by less go out, paced by <c>MinSpacing</c>. Unset: every missed post goes out, paced.
    /// </summary>
    public TimeSpan? MaxLateness { get; set; }

    /// <summary>Up to this much random delay added to each assigned due time (default none).</summary>
    public TimeSpan? Jitter { get; set; }
}
