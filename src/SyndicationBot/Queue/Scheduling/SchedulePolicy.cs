namespace SyndicationBot.Queue.Scheduling;

/// <summary>How a channel's due times are chosen.</summary>
internal enum SchedulePolicy
{
    /// <summary>As soon as possible, at least <c>MinSpacing</c> after the channel's previous post.</summary>
    Spacing = 0,

    /// <summary>At fixed local wall-clock times (<c>Slots</c>, optionally per weekday), one post per slot.</summary>
    Slots = 1,

    /// <summary>At the occurrences of a cron expression in the channel's time zone, one post per occurrence.</summary>
    Cron = 2,
}
