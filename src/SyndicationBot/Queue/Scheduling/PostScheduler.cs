using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// The schedule policies. Due times are assigned in the channel's time zone from the slots or cron
/// occurrences still free in the ledger; at dispatch, posts are sent, deferred (spacing, quiet hours,
/// daily cap) or skipped (too old, missed by too much) so a catch-up after downtime is paced, never a burst.
/// </summary>
internal sealed partial class PostScheduler(
    IOptions<ScheduleOptions> options,
    IScheduleLedger ledger,
    ILogger<PostScheduler> logger,
    Random? jitterRandom = null) : IPostScheduler, IPostDispatchPolicy
{
    // Bounds the search for a free time; a year of full slots means the configuration cannot keep up.
    private const int MaxDaysAhead = 366;
    private const int MaxRememberedDeferrals = 10_000;

    private readonly Lazy<ScheduleSet> schedules = new(() => BuildSchedules(options.Value));
    private readonly ConcurrentDictionary<string, ChannelReservations> reservations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Random random = jitterRandom ?? Random.Shared;

    // When each deferred post was told to come back: a post held back by spacing, quiet hours or the
    // daily cap is not "late" for MaxLateness, even though the ledger keeps its original due time.
    private readonly ConcurrentDictionary<long, DateTimeOffset> deferredUntil = new();

    public async Task<DateTimeOffset> AssignDueAsync(string channel, bool urgent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var schedule = schedules.Value.For(channel);
        var channelReservations = reservations.GetOrAdd(channel, static _ => new ChannelReservations());

        // One assignment per channel at a time, so two callers never compute the same free slot.
        await channelReservations.Gate.WaitAsync(cancellationToken);
        try
        {
            var reserved = channelReservations.Live(now);
            var dueTimes = new DueTimeView(ledger, channel, reserved, cancellationToken);
            var due = schedule.Policy == SchedulePolicy.Spacing
                ? await AssignSpacingAsync(schedule, dueTimes, reserved, urgent, now, cancellationToken)
                : await AssignOccurrenceAsync(schedule, dueTimes, urgent, now);
            var jittered = due + NextJitter(schedule.Jitter);
            due = CeilingToMillisecond(schedule.IsQuiet(jittered) ? due : jittered);
            channelReservations.Add(due, now);
            return due;
        }
        finally
        {
            channelReservations.Gate.Release();
        }
    }

    public TimeSpan MinSpacing(string channel) => schedules.Value.For(channel).MinSpacing;

    public DispatchDecision Decide(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel)
    {
        ArgumentNullException.ThrowIfNull(post);
        var decision = DecideWithoutCap(schedules.Value.For(post.Channel), post, now, lastSentOnChannel, DeferredUntil(post));
        return Remember(post, decision, now);
    }

    public async Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var schedule = schedules.Value.For(post.Channel);
        var decision = DecideWithoutCap(schedule, post, now, lastSentOnChannel, DeferredUntil(post));
        if (decision is DispatchDecision.Send && !post.Urgent && schedule.MaxPerDay is { } cap)
        {
            var today = schedule.LocalDate(now);
            var tomorrow = schedule.StartOfDay(today.AddDays(1));
            var published = await ledger.CountPublishedAsync(post.Channel, schedule.StartOfDay(today), tomorrow, cancellationToken);
            if (published >= cap)
            {
                var until = CeilingToMillisecond(FirstTimeFrom(schedule, tomorrow));
                decision = new DispatchDecision.Defer(until, Invariant(
                    $"MaxPerDay {cap} reached: {published} already published on {today:yyyy-MM-dd} ({schedule.Zone.Id}); next at {Local(schedule, until)}"));
            }
        }

        return Remember(post, decision, now);
    }

    private static DispatchDecision DecideWithoutCap(
        ChannelSchedule schedule,
        QueuedPost post,
        DateTimeOffset now,
        DateTimeOffset? lastSent,
        DateTimeOffset? deferredTo)
    {
        if (schedule.MaxAge is { } maxAge && now - post.DueAt > maxAge)
        {
            return new DispatchDecision.Skip(Invariant(
                $"older than MaxAge {maxAge}: due {Local(schedule, post.DueAt)}, now {Local(schedule, now)}"));
        }

        // A retry moves the time the post is expected, and so does this scheduler's own deferral; lateness
        // counts from there, and quiet hours do not count (the post could not have gone out then anyway).
        // The remembered deferral only excuses lateness: an operator's retry or reschedule to now still wins.
        var target = post.NextAttemptAt is { } next && next > post.DueAt ? next : post.DueAt;
        var expected = deferredTo is { } deferred && deferred > target ? deferred : target;
        if (schedule.MaxLateness is { } maxLateness && now - expected > maxLateness)
        {
            var quietTime = schedule.Quiet?.Overlap(expected, now, schedule.Zone) ?? TimeSpan.Zero;
            var late = now - expected - quietTime;
            if (late > maxLateness)
            {
                var outside = quietTime > TimeSpan.Zero ? " outside quiet hours" : string.Empty;
                return new DispatchDecision.Skip(Invariant(
                    $"missed its time {Local(schedule, expected)} by {late}{outside}, more than MaxLateness {maxLateness}"));
            }
        }

        var until = now;
        var reason = string.Empty;
        if (target > until)
        {
            until = target;
            reason = Invariant($"not due before {Local(schedule, target)}");
        }

        if (lastSent is { } sent && sent + schedule.MinSpacing > until)
        {
            until = sent + schedule.MinSpacing;
            reason = Invariant($"MinSpacing {schedule.MinSpacing} after the channel's last post at {Local(schedule, sent)}");
        }

        if (schedule.IsQuiet(until))
        {
            until = schedule.OutsideQuietHours(until);
            reason = Invariant($"quiet hours {schedule.Quiet} ({schedule.Zone.Id}) until {Local(schedule, until)}");
        }

        // Ledgers keep whole milliseconds: rounding up means a stored deferral still satisfies the rule
        // when it comes back, instead of being deferred again by a fraction of a millisecond.
        return until > now ? new DispatchDecision.Defer(CeilingToMillisecond(until), reason) : DispatchDecision.SendNow;
    }

    private static async Task<DateTimeOffset> AssignSpacingAsync(
        ChannelSchedule schedule,
        DueTimeView dueTimes,
        IReadOnlyList<DateTimeOffset> reserved,
        bool urgent,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var last = await dueTimes.Ledger.GetLastDueAsync(dueTimes.Channel, cancellationToken);
        if (reserved.Count > 0 && (last is null || reserved.Max() > last))
        {
            last = reserved.Max();
        }

        var candidate = urgent || last is null ? now : Max(now, last.Value + schedule.MinSpacing);
        for (var day = 0; day <= MaxDaysAhead; day++)
        {
            candidate = schedule.OutsideQuietHours(candidate);
            if (urgent || schedule.MaxPerDay is not { } cap)
            {
                return candidate;
            }

            var date = schedule.LocalDate(candidate);
            var tomorrow = schedule.StartOfDay(date.AddDays(1));
            if (await dueTimes.CountAsync(schedule.StartOfDay(date), tomorrow) < cap)
            {
                return candidate;
            }

            candidate = tomorrow;
        }

        throw NoFreeTime(schedule, dueTimes.Channel);
    }

    private static async Task<DateTimeOffset> AssignOccurrenceAsync(ChannelSchedule schedule, DueTimeView dueTimes, bool urgent, DateTimeOffset now)
    {
        var horizon = schedule.StartOfDay(schedule.LocalDate(now).AddDays(MaxDaysAhead));
        DateOnly? fullDay = null;
        foreach (var occurrence in schedule.Occurrences(now))
        {
            if (occurrence > horizon)
            {
                break;
            }

            if (schedule.IsQuiet(occurrence))
            {
                continue;
            }

            if (urgent)
            {
                return occurrence;
            }

            // A jittered post still holds the slot it was given.
            if (await dueTimes.CountAsync(occurrence, occurrence + schedule.Jitter + TimeSpan.FromTicks(1)) > 0)
            {
                continue;
            }

            if (schedule.MaxPerDay is { } cap)
            {
                var date = schedule.LocalDate(occurrence);
                if (date == fullDay)
                {
                    continue;
                }

                if (await dueTimes.CountAsync(schedule.StartOfDay(date), schedule.StartOfDay(date.AddDays(1))) >= cap)
                {
                    fullDay = date;
                    continue;
                }
            }

            return occurrence;
        }

        throw NoFreeTime(schedule, dueTimes.Channel);
    }

    /// <summary>The first time at or after <paramref name="from"/> the channel may post: its next slot, or the instant itself.</summary>
    private static DateTimeOffset FirstTimeFrom(ChannelSchedule schedule, DateTimeOffset from) =>
        schedule.Policy == SchedulePolicy.Spacing
            ? schedule.OutsideQuietHours(from)
            : schedule.Occurrences(from).Take(100_000).FirstOrDefault(occurrence => !schedule.IsQuiet(occurrence), schedule.OutsideQuietHours(from));

    private TimeSpan NextJitter(TimeSpan jitter)
    {
        if (jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Random.Shared is thread-safe; an injected instance (tests) is not, so serialise its use.
        lock (random)
        {
            return TimeSpan.FromTicks(random.NextInt64(jitter.Ticks + 1));
        }
    }

    private DateTimeOffset? DeferredUntil(QueuedPost post) =>
        deferredUntil.TryGetValue(post.Id, out var until) ? until : null;

    private DispatchDecision Remember(QueuedPost post, DispatchDecision decision, DateTimeOffset now)
    {
        switch (decision)
        {
            case DispatchDecision.Skip skip:
                deferredUntil.TryRemove(post.Id, out _);
                Log.Skipped(logger, post.Id, post.Channel, skip.Reason);
                break;
            case DispatchDecision.Defer defer:
                if (deferredUntil.Count > MaxRememberedDeferrals)
                {
                    // Posts cancelled while deferred never come back; forget deferrals long past.
                    foreach (var stale in deferredUntil.Where(entry => entry.Value < now - TimeSpan.FromDays(7)))
                    {
                        deferredUntil.TryRemove(stale.Key, out _);
                    }
                }

                deferredUntil[post.Id] = defer.Until;
                Log.Deferred(logger, post.Id, post.Channel, defer.Until, defer.Reason);
                break;
            default:
                deferredUntil.TryRemove(post.Id, out _);
                break;
        }

        return decision;
    }

    private static DateTimeOffset CeilingToMillisecond(DateTimeOffset instant)
    {
        var remainder = instant.Ticks % TimeSpan.TicksPerMillisecond;
        return remainder == 0 ? instant : instant.AddTicks(TimeSpan.TicksPerMillisecond - remainder);
    }

    private static ScheduleSet BuildSchedules(ScheduleOptions value)
    {
        List<string> errors = [];
        return ScheduleSet.Build(value, errors)
            ?? throw new OptionsValidationException(ScheduleOptions.SectionName, typeof(ScheduleOptions), errors);
    }

    private static InvalidOperationException NoFreeTime(ChannelSchedule schedule, string channel) =>
        new(Invariant($"No free time within {MaxDaysAhead} days for channel '{channel}' under {schedule.Key}: every slot is taken, quiet or over MaxPerDay."));

    private static DateTimeOffset Max(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;

    private static string Local(ChannelSchedule schedule, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, schedule.Zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Post {PostId} on {Channel} skipped: {Reason}")]
        public static partial void Skipped(ILogger logger, long postId, string channel, string reason);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Post {PostId} on {Channel} deferred until {Until}: {Reason}")]
        public static partial void Deferred(ILogger logger, long postId, string channel, DateTimeOffset until, string reason);
    }
}
