using System.Globalization;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>A daily local period with no posting, [Start, End), wrapping midnight when Start is after End.</summary>
internal sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static bool TryParse(string text, out QuietHours? quietHours)
    {
        quietHours = null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !SlotTime.TryParse(parts[0], out var start)
            || !SlotTime.TryParse(parts[1], out var end)
            || start == end)
        {
            return false;
        }

        quietHours = new QuietHours(start, end);
        return true;
    }

    public bool Contains(TimeOnly wallTime) => Start < End
        ? wallTime >= Start && wallTime < End
        : wallTime >= Start || wallTime < End;

    /// <summary>The first instant after <paramref name="instant"/> at which the quiet period ends.</summary>
    public DateTimeOffset NextEnd(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = ZonedTime.LocalDate(instant, zone);
        for (var day = 0; ; day++)
        {
            var end = ZonedTime.Resolve(date.AddDays(day), End, zone);
            if (end > instant)
            {
                return end;
            }
        }
    }

    /// <summary>How much of [<paramref name="from"/>, <paramref name="to"/>) falls inside quiet hours.</summary>
    public TimeSpan Overlap(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var total = TimeSpan.Zero;
        var lastDate = ZonedTime.LocalDate(to, zone);
        for (var date = ZonedTime.LocalDate(from, zone).AddDays(-1); date <= lastDate; date = date.AddDays(1))
        {
            var start = ZonedTime.Resolve(date, Start, zone);
            var end = ZonedTime.Resolve(Start < End ? date : date.AddDays(1), End, zone);
            var overlapStart = start > from ? start : from;
            var overlapEnd = end < to ? end : to;
            if (overlapEnd > overlapStart)
            {
                total += overlapEnd - overlapStart;
            }
        }

        return total;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:HH\\:mm}-{End:HH\\:mm}");
}
