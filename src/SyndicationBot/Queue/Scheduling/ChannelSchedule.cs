using Cronos;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>The effective, parsed schedule of one channel (its own section merged over <c>Schedule:Default</c>).</summary>
internal sealed class ChannelSchedule
{
    /// <summary>The configuration prefix that reasons name, e.g. <c>Schedule:Channels:x</c>.</summary>
    public required string Key { get; init; }

    public required SchedulePolicy Policy { get; init; }

    public required TimeSpan MinSpacing { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    /// <summary>Sorted local slots for each day of the week (index = <see cref="DayOfWeek"/>).</summary>
    public required IReadOnlyList<TimeOnly>[] SlotsByDay { get; init; }

    public CronExpression? Cron { get; init; }

    public QuietHours? Quiet { get; init; }

    public int? MaxPerDay { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public TimeSpan? MaxLateness { get; init; }

    public TimeSpan Jitter { get; init; }

    public bool IsQuiet(DateTimeOffset instant) => Quiet?.Contains(ZonedTime.LocalTime(instant, Zone)) ?? false;

    /// <summary>The instant itself, or the end of the quiet period it falls in.</summary>
    public DateTimeOffset OutsideQuietHours(DateTimeOffset instant) =>
        Quiet is { } quiet && IsQuiet(instant) ? quiet.NextEnd(instant, Zone) : instant;

    public DateOnly LocalDate(DateTimeOffset instant) => ZonedTime.LocalDate(instant, Zone);

    public DateTimeOffset StartOfDay(DateOnly date) => ZonedTime.StartOfDay(date, Zone);

    /// <summary>
    /// The slot or cron instants at or after <paramref name="from"/>, ascending and distinct (two local
    /// slots that a forward shift maps onto one instant fire once). Empty for the Spacing policy.
    /// </summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset from) => Policy switch
    {
        SchedulePolicy.Slots => SlotOccurrences(from),
        SchedulePolicy.Cron => CronOccurrences(from),
        _ => [],
    };

    private IEnumerable<DateTimeOffset> SlotOccurrences(DateTimeOffset from)
    {
        // Start a day early: a slot of the previous local day can resolve past midnight through a gap.
        var date = LocalDate(from).AddDays(-1);
        var last = DateTimeOffset.MinValue;
        while (true)
        {
            var instants = SlotsByDay[(int)date.DayOfWeek]
                .Select(slot => ZonedTime.Resolve(date, slot, Zone))
                .Order();
            foreach (var instant in instants)
            {
                if (instant >= from && instant > last)
                {
                    last = instant;
                    yield return instant;
                }
            }

            date = date.AddDays(1);
        }
    }

    private IEnumerable<DateTimeOffset> CronOccurrences(DateTimeOffset from)
    {
        // Cronos walks the wall clock (read as UTC, so it sees no offset change) and each wall time is
        // resolved like a slot. Cronos's own zone handling relies on TimeZoneInfo's local-time queries,
        // which are wrong for Casablanca's Ramadan shift. A day of margin catches wall times in a gap
        // that resolve to an instant at or after "from".
        var wall = DateTime.SpecifyKind(ZonedTime.Wall(from, Zone).AddDays(-1), DateTimeKind.Utc);
        var last = DateTimeOffset.MinValue;
        var next = Cron!.GetNextOccurrence(wall, inclusive: true);
        while (next is { } occurrence)
        {
            var instant = ZonedTime.Resolve(DateTime.SpecifyKind(occurrence, DateTimeKind.Unspecified), Zone);
            if (instant >= from && instant > last)
            {
                last = instant;
                yield return instant;
            }

            next = Cron.GetNextOccurrence(occurrence, inclusive: false);
        }
    }
}
