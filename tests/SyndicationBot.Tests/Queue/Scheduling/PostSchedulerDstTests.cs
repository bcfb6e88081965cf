using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>Offset changes never fire a slot twice or skip it (Europe/Paris DST, Morocco's Ramadan shift).</summary>
public sealed class PostSchedulerDstTests
{
    private const string Channel = "telegram";

    private readonly InMemoryScheduleLedger ledger = new();

    public static TheoryData<string, string, string, string[]> SlotNights => new()
    {
        // Paris spring forward 2026-03-29 02:00 CET -> 03:00 CEST: the 02:30 slot fires once, at 03:00 CEST.
        { "Europe/Paris", "02:30", "2026-03-28T00:00:00+01:00", ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"] },
        // Paris fall back 2026-10-25 03:00 CEST -> 02:00 CET: the 02:30 slot fires once, at its first (CEST) occurrence.
        { "Europe/Paris", "02:30", "2026-10-24T00:00:00+02:00", ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"] },
        // Casablanca Ramadan start 2026-02-15 03:00 +01 -> 02:00 +00: first occurrence of 02:30 only.
        { "Africa/Casablanca", "02:30", "2026-02-14T00:00:00+01:00", ["2026-02-14T01:30:00Z", "2026-02-15T01:30:00Z", "2026-02-16T02:30:00Z"] },
        // Casablanca Ramadan end 2026-03-22 02:00 +00 -> 03:00 +01: 02:30 does not exist and fires at 03:00 +01.
        { "Africa/Casablanca", "02:30", "2026-03-21T00:00:00+00:00", ["2026-03-21T02:30:00Z", "2026-03-22T02:00:00Z", "2026-03-23T01:30:00Z"] },
        // The same shifts in 2027 (2027-02-07 and 2027-03-14).
        { "Africa/Casablanca", "02:00", "2027-02-06T12:00:00+01:00", ["2027-02-07T01:00:00Z", "2027-02-08T02:00:00Z"] },
        { "Africa/Casablanca", "02:45", "2027-03-13T12:00:00+00:00", ["2027-03-14T02:00:00Z", "2027-03-15T01:45:00Z"] },
    };

    [Theory]
    [MemberData(nameof(SlotNights))]
    public async Task AssignDueAsync_SlotAcrossOffsetChange_FiresOnceEachLocalDay(string zone, string slot, string start, string[] expectedUtc)
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", slot), ("Schedule:Default:TimeZone", zone)]);

        // Act
        List<DateTimeOffset> dues = [];
        foreach (var _ in expectedUtc)
        {
            var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
            ledger.Add(Channel, due);
            dues.Add(due);
        }

        // Assert
        Assert.Equal(expectedUtc.Select(utc => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), dues);
    }

    [Fact]
    public async Task AssignDueAsync_TwoSlotsInsideTheSameGap_FireOnceTogether()
    {
        // Arrange: 02:00 and 02:30 both vanish on 2026-03-29 in Paris and both map to 03:00 CEST.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "02:00,02:30"), ("Schedule:Default:TimeZone", "Europe/Paris")]);

        // Act
        List<DateTimeOffset> dues = [];
        for (var i = 0; i < 3; i++)
        {
            var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
            ledger.Add(Channel, due);
            dues.Add(due);
        }

        // Assert
        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero),
            ],
            dues);
    }

    [Theory]
    // A daily cron at 02:30: once on the spring night (at 03:00 CEST), once on the autumn night (first occurrence).
    [InlineData("Europe/Paris", "30 2 * * *", "2026-03-28T12:00:00Z", new[] { "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z" })]
    [InlineData("Europe/Paris", "30 2 * * *", "2026-10-24T12:00:00Z", new[] { "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z" })]
    [InlineData("Africa/Casablanca", "30 2 * * *", "2026-02-14T12:00:00Z", new[] { "2026-02-15T01:30:00Z", "2026-02-16T02:30:00Z" })]
    [InlineData("Africa/Casablanca", "30 2 * * *", "2026-03-21T12:00:00Z", new[] { "2026-03-22T02:00:00Z", "2026-03-23T01:30:00Z" })]
    // Hourly on the Casablanca fall-back night: each wall-clock hour once (02:00 only at its first occurrence).
    [InlineData("Africa/Casablanca", "0 * * * *", "2026-02-15T00:30:00Z", new[] { "2026-02-15T01:00:00Z", "2026-02-15T03:00:00Z", "2026-02-15T04:00:00Z" })]
    public async Task AssignDueAsync_CronAcrossOffsetChange_FiresOncePerWallClockOccurrence(string zone, string cron, string start, string[] expectedUtc)
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Channels:telegram:Policy", "Cron"), ("Schedule:Channels:telegram:Cron", cron), ("Schedule:Channels:telegram:TimeZone", zone)]);

        // Act
        List<DateTimeOffset> dues = [];
        foreach (var _ in expectedUtc)
        {
            var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
            ledger.Add(Channel, due);
            dues.Add(due);
        }

        // Assert
        Assert.Equal(expectedUtc.Select(utc => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), dues);
    }

    [Theory]
    // Paris spring night: 02:00 and 02:30 do not exist and join 03:00 CEST; each fires once.
    [InlineData("Europe/Paris", 2026, 3, 28, new[] { "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T07:00:00Z" })]
    // Paris autumn night: 02:00 and 02:30 at their first (CEST) occurrence only.
    [InlineData("Europe/Paris", 2026, 10, 24, new[] { "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z", "2026-10-25T08:00:00Z" })]
    // Casablanca Ramadan start: 02:00 and 02:30 at their first (+01) occurrence only.
    [InlineData("Africa/Casablanca", 2026, 2, 14, new[] { "2026-02-15T00:30:00Z", "2026-02-15T01:00:00Z", "2026-02-15T01:30:00Z", "2026-02-15T03:00:00Z", "2026-02-15T09:00:00Z" })]
    // Casablanca Ramadan end: 02:00 and 02:30 do not exist and join 03:00 +01.
    [InlineData("Africa/Casablanca", 2026, 3, 21, new[] { "2026-03-22T01:30:00Z", "2026-03-22T02:00:00Z", "2026-03-22T08:00:00Z" })]
    public async Task Dispatch_SlotsThroughOffsetChange_PublishEachInstantOnceAtItsSlot(string zone, int year, int month, int day, string[] expectedUtc)
    {
        // Arrange: the day before the change at noon, with the night's slots all queued.
        var start = SchedulerFactory.At(zone, year, month, day, 12);
        var time = new FakeTimeProvider(start);
        var target = SchedulerFactory.Create(
            ledger,
            [
                ("Schedule:Default:Policy", "Slots"),
                ("Schedule:Default:Slots:0", "01:30,02:00,02:30,03:00,09:00"),
                ("Schedule:Default:TimeZone", zone),
                ("Schedule:MinSpacing", "00:00:05"),
            ]);
        for (var i = 0; i < 5; i++)
        {
            ledger.Add(Channel, await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None));
        }

        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(start.AddDays(3));

        // Assert
        var published = ledger.Posts.Select(post => post.PublishedAt).OfType<DateTimeOffset>().Order().ToList();
        Assert.Equal(5, published.Count);
        Assert.Equal(expectedUtc.Select(utc => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), published.Take(expectedUtc.Length));
        Assert.All(ledger.Posts, post => Assert.Equal(post.DueAt, post.PublishedAt));
    }
}
