using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

public sealed class ScheduleServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddScheduling_ShippedStyleConfiguration_ResolvesOneSchedulerForBothSeams()
    {
        // Arrange
        using var provider = CreateProvider(("Schedule:MinSpacing", "00:00:05"));
        var now = new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero);

        // Act
        provider.GetRequiredService<IStartupValidator>().Validate();
        var scheduler = provider.GetRequiredService<IPostScheduler>();
        var policy = provider.GetRequiredService<IPostDispatchPolicy>();
        var due = await scheduler.AssignDueAsync("outbox", urgent: false, now, CancellationToken.None);

        // Assert
        Assert.Same(scheduler, policy);
        Assert.Equal(now, due);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<ScheduleOptions>>().Value.MinSpacing);
    }

    [Fact]
    public void AddScheduling_InvalidTimeZone_FailsAtStartWithTheKey()
    {
        // Arrange
        using var provider = CreateProvider(("Schedule:Channels:mastodon:TimeZone", "Europe/Atlantis"));

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Assert
        Assert.Equal(
            "Schedule:Channels:mastodon:TimeZone: 'Europe/Atlantis' is not a known time zone; use an IANA id such as Africa/Casablanca or Europe/Paris.",
            exception.Message);
    }

    [Fact]
    public void AddScheduling_UnknownPolicy_FailsAtStartNamingTheKey()
    {
        // Arrange
        using var provider = CreateProvider(("Schedule:Channels:x:Policy", "Sometimes"));

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Assert
        Assert.Equal("Schedule:Channels:x:Policy: 'Sometimes' is not a policy (Spacing, Slots or Cron).", exception.Message);
    }

    [Fact]
    public void AddScheduling_UnreadableMinSpacing_FailsAtStartNamingTheKey()
    {
        // Arrange
        using var provider = CreateProvider(("Schedule:MinSpacing", "5s"));

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Assert
        Assert.Equal("Failed to convert configuration value '5s' at 'Schedule:MinSpacing' to type 'System.TimeSpan'.", exception.Message);
    }

    private static ServiceProvider CreateProvider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IScheduleLedger, InMemoryScheduleLedger>();
        services.AddScheduling();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
