using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("23:00-07:00", "23:00", "07:00")]
    [InlineData(" 1:30 - 05:45 ", "01:30", "05:45")]
    [InlineData("12:00-13:00", "12:00", "13:00")]
    public void TryParse_ValidPeriod_ReadsStartAndEnd(string text, string start, string end)
    {
        // Arrange
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        // Act
        var parsed = QuietHours.TryParse(text, out var quietHours);

        // Assert
        Assert.True(parsed);
        Assert.Equal(new QuietHours(TimeOnly.Parse(start, culture), TimeOnly.Parse(end, culture)), quietHours);
    }

    [Theory]
    [InlineData("23:00")]
    [InlineData("23:00-23:00")]
    [InlineData("25:00-07:00")]
    [InlineData("23:00-07:00-08:00")]
    [InlineData("late-early")]
    public void TryParse_InvalidPeriod_IsRejected(string text)
    {
        // Arrange
        // Act
        var parsed = QuietHours.TryParse(text, out var quietHours);

        // Assert
        Assert.False(parsed);
        Assert.Null(quietHours);
    }

    [Theory]
    [InlineData("22:59", false)]
    [InlineData("23:00", true)]
    [InlineData("03:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    public void Contains_PeriodWrappingMidnight_CoversBothSidesOfMidnight(string wallTime, bool expected)
    {
        // Arrange
        var quietHours = new QuietHours(new TimeOnly(23, 0), new TimeOnly(7, 0));

        // Act
        var contains = quietHours.Contains(TimeOnly.Parse(wallTime, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(expected, contains);
    }

    [Fact]
    public void NextEnd_EndInsideSpringForwardGap_IsTheFirstInstantAfterTheGap()
    {
        // Arrange: Paris 2026-03-29, quiet until 02:30, which does not exist that night.
        var quietHours = new QuietHours(new TimeOnly(0, 0), new TimeOnly(2, 30));
        var zone = SchedulerFactory.Zone("Europe/Paris");
        var at = new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero);

        // Act
        var end = quietHours.NextEnd(at, zone);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void NextEnd_EveningSideOfWrappedPeriod_IsNextMorning()
    {
        // Arrange
        var quietHours = new QuietHours(new TimeOnly(23, 0), new TimeOnly(7, 0));
        var zone = SchedulerFactory.Zone("Africa/Casablanca");

        // Act
        var end = quietHours.NextEnd(SchedulerFactory.At("Africa/Casablanca", 2026, 6, 10, 23, 30), zone);

        // Assert
        Assert.Equal(SchedulerFactory.At("Africa/Casablanca", 2026, 6, 11, 7), end);
    }

    [Theory]
    [InlineData("2026-06-10T21:00:00Z", "2026-06-11T07:00:00Z", 8.0)]
    [InlineData("2026-06-10T22:30:00Z", "2026-06-11T05:00:00Z", 6.5)]
    [InlineData("2026-06-10T08:00:00Z", "2026-06-10T20:00:00Z", 0.0)]
    [InlineData("2026-06-09T21:00:00Z", "2026-06-11T21:00:00Z", 16.0)]
    public void Overlap_PeriodAcrossNights_CountsOnlyQuietTime(string from, string to, double expectedHours)
    {
        // Arrange: 23:00-07:00 in Casablanca (+01 in June).
        var quietHours = new QuietHours(new TimeOnly(23, 0), new TimeOnly(7, 0));
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        // Act
        var overlap = quietHours.Overlap(DateTimeOffset.Parse(from, culture), DateTimeOffset.Parse(to, culture), SchedulerFactory.Zone("Africa/Casablanca"));

        // Assert
        Assert.Equal(TimeSpan.FromHours(expectedHours), overlap);
    }

    [Fact]
    public void Overlap_FallBackNight_CountsTheRepeatedHour()
    {
        // Arrange: Paris 2026-10-25, quiet 01:00-04:00 local lasts four real hours that night.
        var quietHours = new QuietHours(new TimeOnly(1, 0), new TimeOnly(4, 0));

        // Act
        var overlap = quietHours.Overlap(
            new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero),
            SchedulerFactory.Zone("Europe/Paris"));

        // Assert
        Assert.Equal(TimeSpan.FromHours(4), overlap);
    }
}
