using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>After downtime: missed posts within MaxLateness go out paced by MinSpacing, older ones are skipped with the reason.</summary>
public sealed class PostSchedulerCatchUpTests
{
    private const string Casablanca = "Africa/Casablanca";
    private const string Channel = "bluesky";

    private readonly InMemoryScheduleLedger ledger = new();

    [Fact]
    public async Task Dispatch_SixHourOutageWithTenMissedSlots_PacesRecentOnesAndSkipsTheRest()
    {
        // Arrange: ten slots between 06:00 and 11:45 queued the evening before.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 9, 20));
        var target = SchedulerFactory.Create(
            ledger,
            [
                ("Schedule:MinSpacing", "00:05:00"),
                ("Schedule:Channels:bluesky:Policy", "Slots"),
                ("Schedule:Channels:bluesky:Slots:0", "06:00,06:30,07:00,08:00,09:00,10:00,10:30,11:00,11:30,11:45"),
                ("Schedule:Channels:bluesky:MaxLateness", "01:00:00"),
            ]);
        for (var i = 0; i < 10; i++)
        {
            ledger.Add(Channel, await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None));
        }

        // The service is down from 05:50 to 11:50 local.
        time.SetUtcNow(SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 50));
        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 10, 14));

        // Assert
        var published = ledger.Posts.Where(post => post.State == PostState.Published).ToList();
        Assert.Equal(
            [SchedulerFactory.At(Casablanca, 2026, 6, 10, 11), SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 30), SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 45)],
            published.Select(post => post.DueAt));
        Assert.Equal(
            [SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 50), SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 55), SchedulerFactory.At(Casablanca, 2026, 6, 10, 12)],
            published.Select(post => post.PublishedAt!.Value));
        var skipped = ledger.Posts.Where(post => post.State == PostState.Skipped).ToList();
        Assert.Equal(7, skipped.Count);
        Assert.Equal(
            "missed its time 2026-06-10 06:00:00 +01:00 by 05:50:00, more than MaxLateness 01:00:00",
            skipped[0].Reason);
        Assert.Equal(
            "missed its time 2026-06-10 10:30:00 +01:00 by 01:20:00, more than MaxLateness 01:00:00",
            skipped[^1].Reason);
    }

    [Fact]
    public async Task Dispatch_OutageWithoutMaxLateness_SendsEveryMissedPostPacedNeverABurst()
    {
        // Arrange: five posts due every ten minutes from 09:00, service down from 08:55 to 11:00.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 8));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);
        for (var i = 0; i < 5; i++)
        {
            ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9, i * 10));
        }

        time.SetUtcNow(SchedulerFactory.At(Casablanca, 2026, 6, 10, 11));
        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 10, 13));

        // Assert
        Assert.All(ledger.Posts, post => Assert.Equal(PostState.Published, post.State));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, i * 5)),
            ledger.Posts.Select(post => post.PublishedAt!.Value).Order());
    }

    [Fact]
    public async Task Dispatch_MissedPostOlderThanMaxAge_IsSkippedEvenWithoutMaxLateness()
    {
        // Arrange: queued yesterday morning, down for a day.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 11, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxAge", "12:00:00")]);
        var stale = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var fresh = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 11, 9));
        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 11, 12));

        // Assert
        Assert.Equal(PostState.Skipped, stale.State);
        Assert.Equal("older than MaxAge 12:00:00: due 2026-06-10 09:00:00 +01:00, now 2026-06-11 10:00:00 +01:00", stale.Reason);
        Assert.Equal(PostState.Published, fresh.State);
    }

    [Fact]
    public async Task Dispatch_BacklogReachingQuietHours_WaitsUntilMorning()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 50));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00"), ("Schedule:Default:QuietHours", "23:00-07:00")]);
        for (var i = 0; i < 3; i++)
        {
            ledger.Add(Channel, await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None));
        }

        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 11, 12));

        // Assert
        Assert.Equal(
            [SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 50), SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 55), SchedulerFactory.At(Casablanca, 2026, 6, 11, 7)],
            ledger.Posts.Select(post => post.PublishedAt!.Value));
    }

    [Fact]
    public async Task Dispatch_CatchUpOnTopOfTodaysPosts_NeverExceedsMaxPerDay()
    {
        // Arrange: yesterday's three posts were missed; today has three of its own; at most three a day.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 8));
        var target = SchedulerFactory.Create(
            ledger,
            [
                ("Schedule:MinSpacing", "00:05:00"),
                ("Schedule:Default:Policy", "Slots"),
                ("Schedule:Default:Slots:0", "09:00,13:00,18:00"),
                ("Schedule:Default:MaxPerDay", "3"),
            ]);
        for (var hour = 0; hour < 3; hour++)
        {
            ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 9, 9 + (hour * 4)));
            ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9 + (hour * 4)));
        }

        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 13, 0));

        // Assert: yesterday's three fill today (paced); today's three move to tomorrow's first slot, paced.
        Assert.Equal(
            [
                SchedulerFactory.At(Casablanca, 2026, 6, 10, 8),
                SchedulerFactory.At(Casablanca, 2026, 6, 10, 8, 5),
                SchedulerFactory.At(Casablanca, 2026, 6, 10, 8, 10),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 9),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 9, 5),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 9, 10),
            ],
            ledger.Posts.Select(post => post.PublishedAt!.Value).Order());
    }

    [Fact]
    public async Task Dispatch_ClockWithSubMillisecondTicks_HonoursEachDeferralOnce()
    {
        // Arrange: the ledger keeps whole milliseconds while the clock does not.
        var restart = SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 50).AddTicks(4567);
        var time = new FakeTimeProvider(restart);
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:00:05")]);
        for (var i = 0; i < 3; i++)
        {
            ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 40 + i));
        }

        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(restart.AddMinutes(5));

        // Assert
        var published = ledger.Posts.Select(post => post.PublishedAt!.Value).Order().ToList();
        Assert.Equal(3, published.Count);
        Assert.All(published.Zip(published.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.001)));
    }

    [Fact]
    public async Task Dispatch_PacedCatchUpOutlastingMaxLateness_SendsEveryPostAcceptedAtRestart()
    {
        // Arrange: three posts missed by 5 to 15 minutes; pacing them takes 40 minutes, more than MaxLateness.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 12));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:20:00"), ("Schedule:Default:MaxLateness", "00:30:00")]);
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 45));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 50));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 11, 55));
        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 10, 14));

        // Assert
        Assert.Equal(
            [SchedulerFactory.At(Casablanca, 2026, 6, 10, 12), SchedulerFactory.At(Casablanca, 2026, 6, 10, 12, 20), SchedulerFactory.At(Casablanca, 2026, 6, 10, 12, 40)],
            ledger.Posts.Select(post => post.PublishedAt!.Value));
    }

    [Fact]
    public async Task Dispatch_PostHeldOverQuietHoursAcrossARestart_IsNotCountedLate()
    {
        // Arrange: deferred at 22:58 into the night; the service restarts at 03:00 and forgets its deferrals.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 55));
        (string, string)[] settings =
            [("Schedule:MinSpacing", "00:05:00"), ("Schedule:Default:QuietHours", "23:00-07:00"), ("Schedule:Default:MaxLateness", "01:00:00")];
        var first = ledger.Add(Channel, time.GetUtcNow());
        var second = ledger.Add(Channel, time.GetUtcNow().AddMinutes(3));
        await new DispatchSimulator(SchedulerFactory.Create(ledger, settings), ledger, time).RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 11, 3));
        time.SetUtcNow(SchedulerFactory.At(Casablanca, 2026, 6, 11, 7, 20));
        var restarted = new DispatchSimulator(SchedulerFactory.Create(ledger, settings), ledger, time);

        // Act
        await restarted.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 11, 12));

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 55), first.PublishedAt);
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 11, 7, 20), second.PublishedAt);
    }
}
