using System.Globalization;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>Random slot schedules across 2026-2027 in zones with DST, Ramadan and half-hour shifts.</summary>
public sealed class PostSchedulerPropertyTests
{
    private static readonly string[] Zones = ["Europe/Paris", "Africa/Casablanca", "America/New_York", "Australia/Lord_Howe"];

    [Fact]
    public async Task AssignDueAsync_RandomSlotSchedules_UseEachFreeSlotOnceInOrderAndNeverSkipOne()
    {
        // Arrange
        var gen = Gen.Select(
            Gen.Int[0, Zones.Length - 1],
            Gen.Int[0, 729],
            Gen.Int[0, (24 * 4) - 1],
            Gen.Int[0, (24 * 4) - 1].Array[1, 4],
            Gen.Int[0, 3],
            Gen.Bool,
            Gen.Bool);

        // Act
        // Assert
        await gen.SampleAsync(
            async (zoneIndex, day, startQuarter, quarters, maxPerDay, quiet, nearChange) =>
            {
                var zone = SchedulerFactory.Zone(Zones[zoneIndex]);

                // Half the samples start the day before an offset change, where slots can vanish or repeat.
                var changes = ChangeDays(zone);
                var date = nearChange ? changes[day % changes.Count].AddDays(-1) : new DateOnly(2026, 1, 1).AddDays(day);
                var start = ZonedTime.Resolve(date, TimeOnly.MinValue.AddMinutes(startQuarter * 15), zone);

                // Noon is always outside the quiet hours, so every schedule can post.
                TimeOnly[] slots = [.. quarters.Select(quarter => TimeOnly.MinValue.AddMinutes(quarter * 15)).Append(new TimeOnly(12, 0)).Distinct()];
                var quietHours = quiet ? new QuietHours(new TimeOnly(23, 0), new TimeOnly(7, 0)) : null;
                List<(string, string)> settings =
                [
                    ("Schedule:Default:Policy", "Slots"),
                    ("Schedule:Default:TimeZone", zone.Id),
                    ("Schedule:Default:Slots:0", string.Join(',', slots.Select(slot => slot.ToString("HH:mm", CultureInfo.InvariantCulture)))),
                ];
                if (maxPerDay > 0)
                {
                    settings.Add(("Schedule:Default:MaxPerDay", maxPerDay.ToString(CultureInfo.InvariantCulture)));
                }

                if (quietHours is not null)
                {
                    settings.Add(("Schedule:Default:QuietHours", quietHours.ToString()));
                }

                var ledger = new InMemoryScheduleLedger();
                var target = SchedulerFactory.Create(ledger, [.. settings]);
                var now = new FakeTimeProvider(start).GetUtcNow();

                List<DateTimeOffset> dues = [];
                for (var i = 0; i < 12; i++)
                {
                    var due = await target.AssignDueAsync("x", urgent: false, now, CancellationToken.None);
                    ledger.Add("x", due);
                    dues.Add(due);
                }

                Assert.Equal(Expected(zone, start, slots, maxPerDay, quietHours).Take(12), dues);
            },
            iter: 150,
            threads: 1);
    }

    private static List<DateOnly> ChangeDays(TimeZoneInfo zone)
    {
        List<DateOnly> days = [];
        for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2028, 1, 1); day = day.AddDays(1))
        {
            var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            if (zone.GetUtcOffset(noon) != zone.GetUtcOffset(noon.AddDays(1)))
            {
                days.Add(day.AddDays(1));
            }
        }

        return days;
    }

    /// <summary>
    /// What an operator expects, spelt out day by day: each local day's slots as instants (a slot in a gap at
    /// the end of the gap, a repeated one at its first occurrence, one instant once), quiet ones dropped,
    /// at most MaxPerDay per day.
    /// </summary>
    private static IEnumerable<DateTimeOffset> Expected(TimeZoneInfo zone, DateTimeOffset start, TimeOnly[] slots, int maxPerDay, QuietHours? quiet)
    {
        var last = DateTimeOffset.MinValue;
        for (var date = ZonedTime.LocalDate(start, zone); ; date = date.AddDays(1))
        {
            var taken = 0;
            foreach (var instant in slots.Select(slot => ZonedTime.Resolve(date, slot, zone)).Order())
            {
                if (instant < start || instant <= last || (quiet?.Contains(ZonedTime.LocalTime(instant, zone)) ?? false))
                {
                    continue;
                }

                if (maxPerDay > 0 && taken == maxPerDay)
                {
                    break;
                }

                taken++;
                last = instant;
                yield return instant;
            }
        }
    }
}
