using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Tests.Queue.Scheduling;

/// <summary>Builds schedulers from configuration key/value pairs, exactly as an operator writes them.</summary>
internal static class SchedulerFactory
{
    public static ScheduleOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();
        var options = new ScheduleOptions();
        configuration.GetSection(ScheduleOptions.SectionName).Bind(options);
        return options;
    }

    public static PostScheduler Create(
        InMemoryScheduleLedger ledger,
        (string Key, string Value)[] settings,
        Random? random = null,
        ILogger<PostScheduler>? logger = null) =>
        new(Options.Create(Bind(settings)), ledger, logger ?? NullLogger<PostScheduler>.Instance, random);

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>A local wall-clock time in <paramref name="zoneId"/> as an instant (the time must exist and be unambiguous).</summary>
    public static DateTimeOffset At(string zoneId, int year, int month, int day, int hour, int minute = 0, int second = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone(zoneId).GetUtcOffset(local));
    }
}
