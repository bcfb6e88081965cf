using System.Collections.Frozen;
using System.Globalization;
using Cronos;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>
/// Every channel's effective schedule, parsed once from <see cref="ScheduleOptions"/>. Building it is
/// also the validation: each problem is reported against the configuration key that holds the value.
/// </summary>
internal sealed class ScheduleSet
{
    private const string RootKey = ScheduleOptions.SectionName;
    private const string DefaultKey = RootKey + ":Default";
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    // Any fixed start will do to tell an expression that can match from one that never does.
    private static readonly DateTime CronCheckFrom = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly ChannelSchedule defaultSchedule;
    private readonly FrozenDictionary<string, ChannelSchedule> channels;

    private ScheduleSet(ChannelSchedule defaultSchedule, FrozenDictionary<string, ChannelSchedule> channels)
    {
        this.defaultSchedule = defaultSchedule;
        this.channels = channels;
    }

    /// <summary>Parses <paramref name="options"/>; returns null and fills <paramref name="errors"/> when anything is invalid.</summary>
    public static ScheduleSet? Build(ScheduleOptions options, List<string> errors)
    {
        var before = errors.Count;
        if (options.MinSpacing < TimeSpan.Zero || options.MinSpacing > OneDay)
        {
            errors.Add(Invariant($"{RootKey}:MinSpacing: must be between 00:00:00 and 1.00:00:00 (was {options.MinSpacing})."));
        }

        var defaults = ParseSection(options.Default ?? new ChannelScheduleOptions(), DefaultKey, errors);
        var builtIn = TimeZoneInfo.TryFindSystemTimeZoneById(ScheduleOptions.DefaultTimeZone, out var zone) ? zone : null;
        if (defaults.Zone is null && options.Default?.TimeZone is null && builtIn is null)
        {
            errors.Add($"{DefaultKey}:TimeZone: the built-in default '{ScheduleOptions.DefaultTimeZone}' is not known on this machine (is tzdata installed?); set an IANA time zone id.");
        }

        var defaultSchedule = Merge(DefaultKey, options, defaults, section: null, builtIn, errors);
        var channels = new Dictionary<string, ChannelSchedule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, section) in options.Channels.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            var key = $"{RootKey}:Channels:{name}";
            var parsed = ParseSection(section ?? new ChannelScheduleOptions(), key, errors);
            var schedule = Merge(key, options, defaults, parsed, builtIn, errors);
            if (schedule is not null)
            {
                channels[name] = schedule;
            }
        }

        return errors.Count > before || defaultSchedule is null
            ? null
            : new ScheduleSet(defaultSchedule, channels.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The channel's own schedule, or the default one (its reasons then name <c>Schedule:Default</c>).</summary>
    public ChannelSchedule For(string channel) =>
        channels.TryGetValue(channel, out var schedule) ? schedule : defaultSchedule;

    private static ChannelSchedule? Merge(
        string key,
        ScheduleOptions options,
        ParsedSection defaults,
        ParsedSection? section,
        TimeZoneInfo? builtInZone,
        List<string> errors)
    {
        var own = section ?? defaults;
        var policy = own.Policy ?? own.ImpliedPolicy ?? defaults.Policy ?? defaults.ImpliedPolicy ?? SchedulePolicy.Spacing;
        var slotSource = own.HasSlots ? own : defaults;
        var slots = slotSource.SlotsByDay;
        var cron = own.Cron ?? defaults.Cron;
        var quiet = own.QuietSet ? own.Quiet : defaults.Quiet;
        var zone = own.Zone ?? defaults.Zone ?? builtInZone;

        if (policy == SchedulePolicy.Slots && slots.All(day => day.Count == 0))
        {
            // A slot that did not parse was already reported; "no slot" would only repeat it.
            if (!slotSource.SlotErrors)
            {
                errors.Add($"{key}:Slots: the Slots policy needs at least one slot (HH:mm).");
            }
        }
        else if (policy == SchedulePolicy.Slots && quiet is not null && slots.All(day => day.All(quiet.Contains)))
        {
            errors.Add(Invariant($"{key}:QuietHours: every slot falls inside the quiet hours {quiet}, so nothing would ever be posted."));
        }

        if (policy == SchedulePolicy.Cron && cron is null && own.Options.Cron is null && defaults.Options.Cron is null)
        {
            errors.Add($"{key}:Cron: the Cron policy needs a cron expression.");
        }

        if (zone is null || (policy == SchedulePolicy.Slots && slots.All(day => day.Count == 0)) || (policy == SchedulePolicy.Cron && cron is null))
        {
            return null;
        }

        return new ChannelSchedule
        {
            Key = key,
            Policy = policy,
            MinSpacing = own.Options.MinSpacing ?? defaults.Options.MinSpacing ?? options.MinSpacing,
            Zone = zone,
            SlotsByDay = slots,
            Cron = cron,
            Quiet = quiet,
            MaxPerDay = own.Options.MaxPerDay ?? defaults.Options.MaxPerDay,
            MaxAge = own.Options.MaxAge ?? defaults.Options.MaxAge,
            MaxLateness = own.Options.MaxLateness ?? defaults.Options.MaxLateness,
            Jitter = own.Options.Jitter ?? defaults.Options.Jitter ?? TimeSpan.Zero,
        };
    }

    private static ParsedSection ParseSection(ChannelScheduleOptions section, string key, List<string> errors)
    {
        SchedulePolicy? policy = null;
        if (section.Policy is { } policyText)
        {
            if (Enum.TryParse<SchedulePolicy>(policyText.Trim(), ignoreCase: true, out var parsedPolicy)
                && Enum.IsDefined(parsedPolicy)
                && !int.TryParse(policyText, out _))
            {
                policy = parsedPolicy;
            }
            else
            {
                errors.Add($"{key}:Policy: '{policyText}' is not a policy (Spacing, Slots or Cron).");
            }
        }

        TimeZoneInfo? zone = null;
        if (section.TimeZone is { } zoneId)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId.Trim(), out zone))
            {
                errors.Add($"{key}:TimeZone: '{zoneId}' is not a known time zone; use an IANA id such as Africa/Casablanca or Europe/Paris.");
            }
        }

        var errorsBefore = errors.Count;
        var daily = ParseSlots(section.Slots, $"{key}:Slots", errors) ?? [];
        var slotsByDay = Enumerable.Repeat<IReadOnlyList<TimeOnly>>(daily, 7).ToArray();
        foreach (var (dayName, daySlots) in section.Weekdays)
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day) || int.TryParse(dayName, out _))
            {
                errors.Add($"{key}:Weekdays:{dayName}: not a day of the week (Monday to Sunday).");
                continue;
            }

            slotsByDay[(int)day] = ParseSlots(daySlots, $"{key}:Weekdays:{dayName}", errors) ?? [];
        }

        var slotErrors = errors.Count > errorsBefore;

        CronExpression? cron = null;
        if (section.Cron is { } cronText)
        {
            var text = cronText.Trim();
            var format = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            if (!CronExpression.TryParse(text, format, out cron))
            {
                errors.Add($"{key}:Cron: '{cronText}' is not a cron expression (5 fields, or 6 with seconds first).");
            }
            else if (cron.GetNextOccurrence(CronCheckFrom) is null)
            {
                errors.Add($"{key}:Cron: '{cronText}' never fires (e.g. 30 February).");
                cron = null;
            }
        }

        QuietHours? quiet = null;
        var quietSet = section.QuietHours is not null;
        if (section.QuietHours is { } quietText && !IsOff(quietText) && !QuietHours.TryParse(quietText, out quiet))
        {
            errors.Add($"{key}:QuietHours: '{quietText}' is not a period (HH:mm-HH:mm, e.g. 23:00-07:00, or 'off').");
        }

        CheckRange(section.MinSpacing, TimeSpan.Zero, OneDay, $"{key}:MinSpacing", errors);
        CheckRange(section.Jitter, TimeSpan.Zero, OneDay, $"{key}:Jitter", errors);
        CheckRange(section.MaxAge, TimeSpan.FromSeconds(1), TimeSpan.FromDays(365), $"{key}:MaxAge", errors);
        CheckRange(section.MaxLateness, TimeSpan.FromSeconds(1), TimeSpan.FromDays(365), $"{key}:MaxLateness", errors);
        if (section.MaxPerDay is < 1)
        {
            errors.Add(Invariant($"{key}:MaxPerDay: must be at least 1 (was {section.MaxPerDay})."));
        }

        var hasSlots = section.Slots.Count > 0 || section.Weekdays.Count > 0;
        if (policy is null && hasSlots && section.Cron is not null)
        {
            errors.Add($"{key}:Policy: both Slots and Cron are set; set Policy to the one to use.");
        }

        return new ParsedSection(section, policy, zone, hasSlots, slotErrors, slotsByDay, cron, quietSet, quiet);
    }

    private static TimeOnly[]? ParseSlots(List<string> entries, string key, List<string> errors)
    {
        var slots = new SortedSet<TimeOnly>();
        var valid = true;
        foreach (var entry in entries)
        {
            foreach (var text in entry.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (IsOff(text))
                {
                    continue;
                }

                if (SlotTime.TryParse(text, out var slot))
                {
                    slots.Add(slot);
                }
                else
                {
                    errors.Add($"{key}: '{text}' is not a time of day (HH:mm).");
                    valid = false;
                }
            }
        }

        return valid ? [.. slots] : null;
    }

    private static void CheckRange(TimeSpan? value, TimeSpan min, TimeSpan max, string key, List<string> errors)
    {
        if (value is { } actual && (actual < min || actual > max))
        {
            errors.Add(Invariant($"{key}: must be between {min} and {max} (was {actual})."));
        }
    }

    private static bool IsOff(string text) =>
        text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record ParsedSection(
        ChannelScheduleOptions Options,
        SchedulePolicy? Policy,
        TimeZoneInfo? Zone,
        bool HasSlots,
        bool SlotErrors,
        IReadOnlyList<TimeOnly>[] SlotsByDay,
        CronExpression? Cron,
        bool QuietSet,
        QuietHours? Quiet)
    {
        /// <summary>A section that sets only slots, or only a cron expression, means that policy.</summary>
        public SchedulePolicy? ImpliedPolicy => (HasSlots, Options.Cron is not null) switch
        {
            (true, false) => SchedulePolicy.Slots,
            (false, true) => SchedulePolicy.Cron,
            _ => null,
        };
    }
}
