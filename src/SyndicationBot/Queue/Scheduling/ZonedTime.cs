namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// Turns a local wall-clock time into one instant. Hand-written because TimeZoneInfo's local-time
/// queries (IsInvalidTime, IsAmbiguousTime, GetUtcOffset(DateTime)) get zones with a negative DST
/// wrong: Africa/Casablanca's Ramadan shift to +00 is such a zone, and they report its spring gap as
/// valid. Only the UTC → local direction is trusted here, and it is exact.
/// </summary>
internal static class ZonedTime
{
    private static readonly TimeSpan Probe = TimeSpan.FromDays(1);

    /// <summary>
    /// The instant of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zone"/>.
    /// A time skipped by a forward shift resolves to the first instant after the gap; a time repeated
    /// by a backward shift resolves to its first occurrence. So each local time yields exactly one
    /// instant, whatever the offset changes.
    /// </summary>
    public static DateTimeOffset Resolve(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        Resolve(date.ToDateTime(time, DateTimeKind.Unspecified), zone);

    /// <inheritdoc cref="Resolve(DateOnly, TimeOnly, TimeZoneInfo)"/>
    public static DateTimeOffset Resolve(DateTime wall, TimeZoneInfo zone)
    {
        // Read the wall time as if it were UTC; the offsets in force a day either side bound the answer.
        var asUtc = new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), TimeSpan.Zero);
        var earlier = zone.GetUtcOffset(asUtc - Probe);
        var later = zone.GetUtcOffset(asUtc + Probe);

        DateTimeOffset? first = null;
        TimeSpan[] offsets = [Max(earlier, later), Min(earlier, later)];
        foreach (var offset in offsets)
        {
            // The larger offset gives the earlier instant, so the first match is the first occurrence.
            var candidate = asUtc - offset;
            if (zone.GetUtcOffset(candidate) == offset)
            {
                first = candidate;
                break;
            }
        }

        var instant = first ?? FirstInstantAtOrAfter(wall, asUtc - Max(earlier, later), asUtc - Min(earlier, later), zone);
        return instant.ToOffset(zone.GetUtcOffset(instant));
    }

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(Wall(instant, zone));

    /// <summary>The local wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static TimeOnly LocalTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeOnly.FromDateTime(Wall(instant, zone));

    /// <summary>The local wall-clock date and time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateTime Wall(DateTimeOffset instant, TimeZoneInfo zone) =>
        instant.ToOffset(zone.GetUtcOffset(instant)).DateTime;

    /// <summary>The first instant of the local day <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => Resolve(date, TimeOnly.MinValue, zone);

    /// <summary>
    /// The wall time is in a gap: the answer is the transition, the first instant whose wall time is at
    /// or past it. Offsets change on whole seconds, so a binary search over seconds finds it exactly.
    /// </summary>
    private static DateTimeOffset FirstInstantAtOrAfter(DateTime wall, DateTimeOffset low, DateTimeOffset high, TimeZoneInfo zone)
    {
        var lowSeconds = low.ToUnixTimeSeconds();
        var highSeconds = high.ToUnixTimeSeconds();
        while (lowSeconds < highSeconds)
        {
            var middle = lowSeconds + ((highSeconds - lowSeconds) / 2);
            if (Wall(DateTimeOffset.FromUnixTimeSeconds(middle), zone) >= wall)
            {
                highSeconds = middle;
            }
            else
            {
                lowSeconds = middle + 1;
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(lowSeconds);
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;
}
