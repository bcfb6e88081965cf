using System.Globalization;
using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

public sealed class ZonedTimeTests
{
    private const string Paris = "Europe/Paris";
    private const string Casablanca = "Africa/Casablanca";
    private static readonly int[] ShiftsInMinutes = [30, 60, 120];

    [Theory]
    // Paris, 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); every time in the gap fires at 03:00 CEST.
    [InlineData(Paris, "2026-03-29", "02:00", "2026-03-29T01:00:00Z")]
    [InlineData(Paris, "2026-03-29", "02:30", "2026-03-29T01:00:00Z")]
    [InlineData(Paris, "2026-03-29", "02:59", "2026-03-29T01:00:00Z")]
    // Casablanca, end of the Ramadan shift 2026-03-22: 02:00 +00 jumps to 03:00 +01 (02:00 UTC).
    [InlineData(Casablanca, "2026-03-22", "02:30", "2026-03-22T02:00:00Z")]
    // Casablanca, 2027-03-14: the same jump.
    [InlineData(Casablanca, "2027-03-14", "02:15", "2027-03-14T02:00:00Z")]
    public void Resolve_TimeInSpringForwardGap_ReturnsFirstInstantAfterGap(string zone, string date, string time, string expectedUtc)
    {
        // Arrange
        var tz = SchedulerFactory.Zone(zone);

        // Act
        var instant = ZonedTime.Resolve(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(time, CultureInfo.InvariantCulture), tz);

        // Assert
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), instant);
        Assert.False(tz.IsInvalidTime(TimeZoneInfo.ConvertTime(instant, tz).DateTime));
    }

    [Theory]
    // Paris, 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, the first (CEST) is kept.
    [InlineData(Paris, "2026-10-25", "02:30", "2026-10-25T00:30:00Z")]
    // Casablanca, start of the Ramadan shift 2026-02-15: 03:00 +01 falls back to 02:00 +00; first 02:30 is +01.
    [InlineData(Casablanca, "2026-02-15", "02:30", "2026-02-15T01:30:00Z")]
    [InlineData(Casablanca, "2027-02-07", "02:00", "2027-02-07T01:00:00Z")]
    public void Resolve_TimeInFallBackOverlap_ReturnsFirstOccurrence(string zone, string date, string time, string expectedUtc)
    {
        // Arrange
        var tz = SchedulerFactory.Zone(zone);

        // Act
        var instant = ZonedTime.Resolve(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(time, CultureInfo.InvariantCulture), tz);

        // Assert
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), instant);
    }

    [Fact]
    public void Resolve_OrdinaryTime_UsesTheZoneOffsetOfThatDay()
    {
        // Arrange
        var tz = SchedulerFactory.Zone(Casablanca);

        // Act
        var summer = ZonedTime.Resolve(new DateOnly(2026, 6, 10), new TimeOnly(9, 0), tz);
        var ramadan = ZonedTime.Resolve(new DateOnly(2026, 3, 1), new TimeOnly(9, 0), tz);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero), summer);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), ramadan);
    }

    [Theory]
    // The tzdata on this machine: Morocco is +01 except during Ramadan, when it is +00.
    [InlineData("2026-02-15T01:59:59Z", 1)]
    [InlineData("2026-02-15T02:00:00Z", 0)]
    [InlineData("2026-03-22T01:59:59Z", 0)]
    [InlineData("2026-03-22T02:00:00Z", 1)]
    [InlineData("2027-02-07T01:59:59Z", 1)]
    [InlineData("2027-02-07T02:00:00Z", 0)]
    [InlineData("2027-03-14T01:59:59Z", 0)]
    [InlineData("2027-03-14T02:00:00Z", 1)]
    public void CasablancaOffset_AroundRamadanTransitions_MatchesTzdata(string utc, int expectedHours)
    {
        // Arrange
        var tz = SchedulerFactory.Zone(Casablanca);

        // Act
        var offset = tz.GetUtcOffset(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(TimeSpan.FromHours(expectedHours), offset);
    }

    [Fact]
    public void StartOfDay_CasablancaDayAfterFallBack_IsLocalMidnight()
    {
        // Arrange
        var tz = SchedulerFactory.Zone(Casablanca);

        // Act
        var start = ZonedTime.StartOfDay(new DateOnly(2026, 2, 16), tz);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 2, 16, 0, 0, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData(Paris)]
    [InlineData(Casablanca)]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]
    public void Resolve_EveryMinuteAroundEachOffsetChangeOf2026And2027_IsExactFirstOrJustAfterGap(string zoneId)
    {
        // Arrange: find the local days with an offset change, then check every minute of them and their neighbours.
        var zone = SchedulerFactory.Zone(zoneId);
        var changeDays = new List<DateOnly>();
        for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2028, 1, 1); day = day.AddDays(1))
        {
            var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            if (zone.GetUtcOffset(noon) != zone.GetUtcOffset(noon.AddDays(1)))
            {
                changeDays.Add(day.AddDays(1));
            }
        }

        // Act
        var failures = new List<string>();
        foreach (var date in changeDays.SelectMany(day => new[] { day.AddDays(-1), day, day.AddDays(1) }).Distinct())
        {
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                var wall = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
                var instant = ZonedTime.Resolve(wall, zone);
                var seen = ZonedTime.Wall(instant, zone);
                var exact = seen == wall;
                // An earlier occurrence of the same wall time would lie exactly one offset change back.
                var firstOccurrence = !ShiftsInMinutes.Any(back => ZonedTime.Wall(instant.AddMinutes(-back), zone) == wall);
                var justAfterGap = seen > wall && ZonedTime.Wall(instant.AddSeconds(-1), zone) < wall;
                if (!(exact && firstOccurrence) && !justAfterGap)
                {
                    failures.Add($"{wall:yyyy-MM-dd HH:mm} -> {instant:O} ({seen:HH:mm})");
                }
            }
        }

        // Assert
        Assert.True(changeDays.Count >= 4, $"{zoneId} should change offset at least twice a year");
        Assert.Empty(failures);
    }
}
