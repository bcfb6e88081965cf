using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

public sealed class PostSchedulerTests
{
    private const string Casablanca = "Africa/Casablanca";
    private const string Paris = "Europe/Paris";
    private const string Channel = "mastodon";

    private readonly InMemoryScheduleLedger ledger = new();

    [Fact]
    public async Task AssignDueAsync_SpacingWithEmptyLedger_ReturnsNow()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(time.GetUtcNow(), due);
    }

    [Fact]
    public async Task AssignDueAsync_SpacingAfterQueuedPost_ReturnsLastDuePlusMinSpacing()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        ledger.Add(Channel, time.GetUtcNow().AddMinutes(2));
        ledger.Add("x", time.GetUtcNow().AddHours(3));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(time.GetUtcNow().AddMinutes(7), due);
    }

    [Fact]
    public async Task AssignDueAsync_SpacingAfterOldPost_ReturnsNow()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        ledger.Add(Channel, time.GetUtcNow().AddDays(-1));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(time.GetUtcNow(), due);
    }

    [Fact]
    public async Task AssignDueAsync_TwoCallsBeforeEnqueue_NeverShareATime()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);

        // Act
        var first = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
        var second = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(time.GetUtcNow(), first);
        Assert.Equal(time.GetUtcNow().AddMinutes(5), second);
    }

    [Fact]
    public async Task AssignDueAsync_AssignedButNeverEnqueued_StopsHoldingItsTimeAfterAMinute()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);
        await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(time.GetUtcNow(), due);
    }

    [Fact]
    public async Task AssignDueAsync_SpacingInsideQuietHours_ReturnsEndOfQuietHours()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 23, 30));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:QuietHours", "23:00-07:00")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 11, 7), due);
    }

    [Fact]
    public async Task AssignDueAsync_SpacingDayAlreadyFull_MovesToNextLocalDay()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 8));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxPerDay", "2")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 11, 0), due);
    }

    [Fact]
    public async Task AssignDueAsync_SlotsOneAfterAnother_FillsEachFreeSlotOnce()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 13));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "09:00,13:00,18:00")]);

        // Act
        var dues = await AssignAndEnqueueAsync(target, Channel, 4, time.GetUtcNow());

        // Assert
        Assert.Equal(
            [
                SchedulerFactory.At(Casablanca, 2026, 6, 10, 18),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 9),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 13),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 18),
            ],
            dues);
    }

    [Fact]
    public async Task AssignDueAsync_SlotsWithMaxPerDay_LeavesLaterSlotsOfAFullDayFree()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 8));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "09:00,13:00,18:00"), ("Schedule:Default:MaxPerDay", "2")]);

        // Act
        var dues = await AssignAndEnqueueAsync(target, Channel, 5, time.GetUtcNow());

        // Assert
        Assert.Equal(
            [
                SchedulerFactory.At(Casablanca, 2026, 6, 10, 9),
                SchedulerFactory.At(Casablanca, 2026, 6, 10, 13),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 9),
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 13),
                SchedulerFactory.At(Casablanca, 2026, 6, 12, 9),
            ],
            dues);
    }

    [Fact]
    public async Task AssignDueAsync_SlotInsideQuietHours_IsNeverUsed()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 1));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "06:00,12:00,23:30"), ("Schedule:Default:QuietHours", "23:00-07:00")]);

        // Act
        var dues = await AssignAndEnqueueAsync(target, Channel, 2, time.GetUtcNow());

        // Assert
        Assert.Equal([SchedulerFactory.At(Casablanca, 2026, 6, 10, 12), SchedulerFactory.At(Casablanca, 2026, 6, 11, 12)], dues);
    }

    [Fact]
    public async Task AssignDueAsync_WeekdaySlots_ReplaceDailySlotsOnThoseDays()
    {
        // Arrange: Friday 2026-06-12, 10:00.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 12, 10));
        var target = SchedulerFactory.Create(
            ledger,
            [
                ("Schedule:Channels:mastodon:Policy", "Slots"),
                ("Schedule:Channels:mastodon:Slots:0", "09:00"),
                ("Schedule:Channels:mastodon:Weekdays:Saturday:0", "11:00"),
                ("Schedule:Channels:mastodon:Weekdays:Saturday:1", "15:00"),
                ("Schedule:Channels:mastodon:Weekdays:Sunday:0", "off"),
            ]);

        // Act
        var dues = await AssignAndEnqueueAsync(target, Channel, 4, time.GetUtcNow());

        // Assert
        Assert.Equal(
            [
                SchedulerFactory.At(Casablanca, 2026, 6, 13, 11),
                SchedulerFactory.At(Casablanca, 2026, 6, 13, 15),
                SchedulerFactory.At(Casablanca, 2026, 6, 15, 9),
                SchedulerFactory.At(Casablanca, 2026, 6, 16, 9),
            ],
            dues);
    }

    [Fact]
    public async Task AssignDueAsync_UrgentWithSlotsTaken_TakesTheNextSlotAnyway()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 13));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 18));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "09:00,13:00,18:00")]);

        // Act
        var normal = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
        var urgent = await target.AssignDueAsync(Channel, urgent: true, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 11, 9), normal);
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 10, 13), urgent);
    }

    [Fact]
    public async Task AssignDueAsync_UrgentWhenDayIsFull_IsNotHeldBackByMaxPerDay()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "09:00,13:00"), ("Schedule:Default:MaxPerDay", "1")]);

        // Act
        var normal = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);
        var urgent = await target.AssignDueAsync(Channel, urgent: true, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 11, 9), normal);
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 10, 13), urgent);
    }

    [Fact]
    public async Task AssignDueAsync_UrgentBehindSpacingBacklog_GoesOutBeforeTheBacklog()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:30:00")]);
        await AssignAndEnqueueAsync(target, Channel, 3, time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(2));
        var urgentDue = await target.AssignDueAsync(Channel, urgent: true, time.GetUtcNow(), CancellationToken.None);
        var urgentPost = ledger.Add(Channel, urgentDue, urgent: true);
        var simulator = new DispatchSimulator(target, ledger, time);

        // Act
        await simulator.RunUntilAsync(SchedulerFactory.At(Casablanca, 2026, 6, 10, 12));

        // Assert
        Assert.Equal(urgentDue, urgentPost.PublishedAt);
        var sent = ledger.Posts.Select(post => post.PublishedAt).OfType<DateTimeOffset>().Order().ToList();
        Assert.Equal(4, sent.Count);
        Assert.Equal(urgentDue, sent[0]);
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public async Task AssignDueAsync_CronInParis_UsesParisWallClockAndSkipsTakenOccurrences()
    {
        // Arrange: Friday 2026-06-12 10:00 in Paris; weekdays at 09:00.
        var time = new FakeTimeProvider(SchedulerFactory.At(Paris, 2026, 6, 12, 10));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Channels:mastodon:Policy", "Cron"), ("Schedule:Channels:mastodon:Cron", "0 9 * * 1-5"), ("Schedule:Channels:mastodon:TimeZone", Paris)]);

        // Act
        var dues = await AssignAndEnqueueAsync(target, Channel, 2, time.GetUtcNow());

        // Assert
        Assert.Equal(
            [new DateTimeOffset(2026, 6, 15, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 16, 7, 0, 0, TimeSpan.Zero)],
            dues);
    }

    [Theory]
    [InlineData("Schedule:Channels:mastodon:Slots:0", "18:00")]
    [InlineData("Schedule:Channels:mastodon:Cron", "0 18 * * *")]
    public async Task AssignDueAsync_ChannelSettingOnlySlotsOrCron_UsesThatPolicy(string key, string value)
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        var target = SchedulerFactory.Create(ledger, [(key, value)]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 10, 18), due);
    }

    [Fact]
    public async Task AssignDueAsync_CronWithSeconds_IsParsedWithTheSecondsField()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:Policy", "Cron"), ("Schedule:Default:Cron", "30 15 10 * * *")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10, 15).AddSeconds(30), due);
    }

    [Fact]
    public async Task AssignDueAsync_SpacingWithJitter_StaysWithinJitterAndVaries()
    {
        // Arrange
        var now = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10)).GetUtcNow();
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:Jitter", "00:10:00")], new Random(1234));

        // Act
        List<DateTimeOffset> dues = [];
        for (var channel = 0; channel < 200; channel++)
        {
            dues.Add(await target.AssignDueAsync($"channel-{channel}", urgent: false, now, CancellationToken.None));
        }

        // Assert
        Assert.All(dues, due => Assert.InRange(due, now, now.AddMinutes(10)));
        Assert.True(dues.Distinct().Count() > 150, "jitter should spread the due times");
        Assert.Contains(dues, due => due < now.AddMinutes(2));
        Assert.Contains(dues, due => due > now.AddMinutes(8));
    }

    [Fact]
    public async Task AssignDueAsync_JitteredSlot_StillHoldsItsSlot()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 8));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "09:00,13:00"), ("Schedule:Default:Jitter", "00:10:00")],
            new Random(7));

        // Act
        var dues = await AssignAndEnqueueAsync(target, Channel, 2, time.GetUtcNow());

        // Assert
        Assert.InRange(dues[0], SchedulerFactory.At(Casablanca, 2026, 6, 10, 9), SchedulerFactory.At(Casablanca, 2026, 6, 10, 9, 10));
        Assert.InRange(dues[1], SchedulerFactory.At(Casablanca, 2026, 6, 10, 13), SchedulerFactory.At(Casablanca, 2026, 6, 10, 13, 10));
    }

    [Fact]
    public async Task AssignDueAsync_SearchThroughAMonthOfTakenSlots_ReadsTheLedgerInGrowingWindows()
    {
        // Arrange: one slot a day, the next 30 days already taken.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 10));
        for (var day = 0; day < 30; day++)
        {
            ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 12).AddDays(day));
        }

        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "12:00")]);

        // Act
        var due = await target.AssignDueAsync(Channel, urgent: false, time.GetUtcNow(), CancellationToken.None);

        // Assert
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 7, 10, 12), due);
        Assert.InRange(ledger.GetDueTimesCalls, 1, 4);
    }

    [Fact]
    public async Task AssignDueAsync_JitterThatWouldLandInQuietHours_IsDropped()
    {
        // Arrange: spacing says 22:55; any jitter beyond five minutes would fall in quiet hours.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 55));
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:QuietHours", "23:00-07:00"), ("Schedule:Default:Jitter", "01:00:00")],
            new Random(99));

        // Act
        List<DateTimeOffset> dues = [];
        for (var channel = 0; channel < 50; channel++)
        {
            dues.Add(await target.AssignDueAsync($"channel-{channel}", urgent: false, time.GetUtcNow(), CancellationToken.None));
        }

        // Assert
        Assert.All(dues, due => Assert.InRange(due, time.GetUtcNow(), SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 59, 59)));
    }

    [Fact]
    public void Decide_OlderThanMaxAge_SkipsWithTheReason()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 2));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxAge", "06:00:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null);

        // Assert
        Assert.Equal(
            new DispatchDecision.Skip("older than MaxAge 06:00:00: due 2026-06-10 02:00:00 +01:00, now 2026-06-10 09:00:00 +01:00"),
            decision);
    }

    [Fact]
    public void Decide_MissedByMoreThanMaxLateness_SkipsWithTheReason()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 7));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Channels:mastodon:MaxLateness", "01:00:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null);

        // Assert
        Assert.Equal(
            new DispatchDecision.Skip("missed its time 2026-06-10 07:00:00 +01:00 by 02:00:00, more than MaxLateness 01:00:00"),
            decision);
    }

    [Fact]
    public void Decide_LateButWithinMaxLateness_Sends()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 8, 30));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxLateness", "01:00:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null);

        // Assert
        Assert.IsType<DispatchDecision.Send>(decision);
    }

    [Fact]
    public void Decide_InsideQuietHours_DefersToTheirEnd()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 23, 15));
        var post = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 23, 10));
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:QuietHours", "23:00-07:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null);

        // Assert
        Assert.Equal(
            new DispatchDecision.Defer(
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 7),
                "quiet hours 23:00-07:00 (Africa/Casablanca) until 2026-06-11 07:00:00 +01:00"),
            decision);
    }

    [Fact]
    public void Decide_LastPostWithinMinSpacing_DefersUntilSpacingElapses()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, time.GetUtcNow());
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: time.GetUtcNow().AddMinutes(-2));

        // Assert
        Assert.Equal(
            new DispatchDecision.Defer(
                time.GetUtcNow().AddMinutes(3),
                "MinSpacing 00:05:00 after the channel's last post at 2026-06-10 08:58:00 +01:00"),
            decision);
    }

    [Fact]
    public void Decide_SpacingEndsInsideQuietHours_DefersToTheirEnd()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 22, 58));
        var post = ledger.Add(Channel, time.GetUtcNow());
        var target = SchedulerFactory.Create(ledger, [("Schedule:MinSpacing", "00:05:00"), ("Schedule:Default:QuietHours", "23:00-07:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: time.GetUtcNow().AddMinutes(-1));

        // Assert
        var defer = Assert.IsType<DispatchDecision.Defer>(decision);
        Assert.Equal(SchedulerFactory.At(Casablanca, 2026, 6, 11, 7), defer.Until);
    }

    [Fact]
    public void Decide_NotYetDue_DefersToItsDueTime()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, time.GetUtcNow().AddMinutes(10));
        var target = SchedulerFactory.Create(ledger, []);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null);

        // Assert
        var defer = Assert.IsType<DispatchDecision.Defer>(decision);
        Assert.Equal(time.GetUtcNow().AddMinutes(10), defer.Until);
    }

    [Fact]
    public void Decide_DueAndClear_Sends()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, time.GetUtcNow());
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:MinSpacing", "00:05:00"), ("Schedule:Default:QuietHours", "23:00-07:00"), ("Schedule:Default:MaxAge", "1.00:00:00")]);

        // Act
        var decision = target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: time.GetUtcNow().AddMinutes(-5));

        // Assert
        Assert.Same(DispatchDecision.SendNow, decision);
    }

    [Fact]
    public async Task DecideAsync_DailyCapReached_DefersToNextDaysFirstSlot()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 18));
        Publish(ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9)));
        Publish(ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 13)));
        var post = ledger.Add(Channel, time.GetUtcNow());
        var target = SchedulerFactory.Create(
            ledger,
            [("Schedule:Default:Policy", "Slots"), ("Schedule:Default:Slots:0", "09:00,13:00,18:00"), ("Schedule:Default:MaxPerDay", "2")]);

        // Act
        var decision = await target.DecideAsync(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null, CancellationToken.None);

        // Assert
        Assert.Equal(
            new DispatchDecision.Defer(
                SchedulerFactory.At(Casablanca, 2026, 6, 11, 9),
                "MaxPerDay 2 reached: 2 already published on 2026-06-10 (Africa/Casablanca); next at 2026-06-11 09:00:00 +01:00"),
            decision);
    }

    [Fact]
    public async Task DecideAsync_UrgentAtDailyCap_Sends()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 18));
        Publish(ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9)));
        var post = ledger.Add(Channel, time.GetUtcNow(), urgent: true);
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxPerDay", "1")]);

        // Act
        var decision = await target.DecideAsync(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null, CancellationToken.None);

        // Assert
        Assert.IsType<DispatchDecision.Send>(decision);
    }

    [Fact]
    public async Task DecideAsync_OperatorRetriesAPostDeferredToTomorrow_SendsItNow()
    {
        // Arrange: deferred at 18:00 to tomorrow by the cap; the operator lifts the cap and retries at 19:00.
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 18));
        var published = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        Publish(published);
        var post = ledger.Add(Channel, time.GetUtcNow());
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxPerDay", "1")]);
        var first = await target.DecideAsync(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null, CancellationToken.None);
        published.State = SyndicationBot.Queue.PostState.Cancelled;
        published.PublishedAt = null;
        time.Advance(TimeSpan.FromHours(1));

        // Act
        var second = await target.DecideAsync(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null, CancellationToken.None);

        // Assert
        Assert.IsType<DispatchDecision.Defer>(first);
        Assert.IsType<DispatchDecision.Send>(second);
    }

    [Fact]
    public void Decide_Skip_LogsThePostIdAndChannel()
    {
        // Arrange
        var time = new FakeTimeProvider(SchedulerFactory.At(Casablanca, 2026, 6, 10, 9));
        var post = ledger.Add(Channel, SchedulerFactory.At(Casablanca, 2026, 6, 9, 2));
        var logger = new FakeLogger<PostScheduler>();
        var target = SchedulerFactory.Create(ledger, [("Schedule:Default:MaxAge", "06:00:00")], logger: logger);

        // Act
        target.Decide(post.ToQueuedPost(), time.GetUtcNow(), lastSentOnChannel: null);

        // Assert
        var record = logger.Collector.LatestRecord;
        Assert.Equal(post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.GetStructuredStateValue("PostId"));
        Assert.Equal(Channel, record.GetStructuredStateValue("Channel"));
        Assert.StartsWith("older than MaxAge 06:00:00", record.GetStructuredStateValue("Reason"), StringComparison.Ordinal);
    }

    private static void Publish(LedgerPost post)
    {
        post.State = SyndicationBot.Queue.PostState.Published;
        post.PublishedAt = post.DueAt;
    }

    private async Task<List<DateTimeOffset>> AssignAndEnqueueAsync(PostScheduler target, string channel, int count, DateTimeOffset now)
    {
        List<DateTimeOffset> dues = [];
        for (var i = 0; i < count; i++)
        {
            var due = await target.AssignDueAsync(channel, urgent: false, now, CancellationToken.None);
            ledger.Add(channel, due);
            dues.Add(due);
        }

        return dues;
    }
}
