using SyndicationBot.Queue.Scheduling;
using Xunit;

namespace SyndicationBot.Tests.Queue.Scheduling;

public sealed class ScheduleOptionsValidatorTests
{
    [Fact]
    public void Validate_BuiltInDefaults_Succeeds()
    {
        // Arrange
        var options = new ScheduleOptions();

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_FullValidConfiguration_Succeeds()
    {
        // Arrange
        var options = SchedulerFactory.Bind(
            ("Schedule:MinSpacing", "00:00:05"),
            ("Schedule:Default:Policy", "Slots"),
            ("Schedule:Default:Slots:0", "09:00"),
            ("Schedule:Default:Slots:1", "12:30, 18:00"),
            ("Schedule:Default:Weekdays:Sunday:0", "off"),
            ("Schedule:Default:QuietHours", "23:00-07:00"),
            ("Schedule:Default:MaxPerDay", "3"),
            ("Schedule:Channels:mastodon:Policy", "Cron"),
            ("Schedule:Channels:mastodon:Cron", "0 */2 * * 1-5"),
            ("Schedule:Channels:mastodon:TimeZone", "Europe/Paris"),
            ("Schedule:Channels:x:Policy", "Spacing"),
            ("Schedule:Channels:x:MinSpacing", "00:30:00"),
            ("Schedule:Channels:x:Jitter", "00:02:00"),
            ("Schedule:Channels:x:MaxAge", "1.00:00:00"),
            ("Schedule:Channels:x:MaxLateness", "02:00:00"),
            ("Schedule:Channels:x:QuietHours", "off"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_UnknownTimeZone_NamesTheChannelKey()
    {
        // Arrange
        var options = SchedulerFactory.Bind(("Schedule:Channels:x:TimeZone", "Mars/Olympus_Mons"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            "Schedule:Channels:x:TimeZone: 'Mars/Olympus_Mons' is not a known time zone; use an IANA id such as Africa/Casablanca or Europe/Paris.",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEachWithItsKey()
    {
        // Arrange
        var options = SchedulerFactory.Bind(
            ("Schedule:MinSpacing", "-00:00:01"),
            ("Schedule:Default:Slots:0", "25:00"),
            ("Schedule:Default:QuietHours", "23:00"),
            ("Schedule:Channels:bluesky:Cron", "every day"),
            ("Schedule:Channels:bluesky:MaxPerDay", "0"),
            ("Schedule:Channels:x:Weekdays:Funday:0", "09:00"),
            ("Schedule:Channels:bluesky:Jitter", "2.00:00:00"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            "Schedule:MinSpacing: must be between 00:00:00 and 1.00:00:00 (was -00:00:01).; "
            + "Schedule:Default:Slots: '25:00' is not a time of day (HH:mm).; "
            + "Schedule:Default:QuietHours: '23:00' is not a period (HH:mm-HH:mm, e.g. 23:00-07:00, or 'off').; "
            + "Schedule:Channels:bluesky:Cron: 'every day' is not a cron expression (5 fields, or 6 with seconds first).; "
            + "Schedule:Channels:bluesky:Jitter: must be between 00:00:00 and 1.00:00:00 (was 2.00:00:00).; "
            + "Schedule:Channels:bluesky:MaxPerDay: must be at least 1 (was 0).; "
            + "Schedule:Channels:x:Weekdays:Funday: not a day of the week (Monday to Sunday).",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_SlotsPolicyWithoutSlots_NamesTheSlotsKey()
    {
        // Arrange
        var options = SchedulerFactory.Bind(("Schedule:Channels:telegram:Policy", "Slots"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Schedule:Channels:telegram:Slots: the Slots policy needs at least one slot (HH:mm).", result.FailureMessage);
    }

    [Fact]
    public void Validate_CronPolicyWithoutExpression_NamesTheCronKey()
    {
        // Arrange
        var options = SchedulerFactory.Bind(("Schedule:Default:Policy", "Cron"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Schedule:Default:Cron: the Cron policy needs a cron expression.", result.FailureMessage);
    }

    [Fact]
    public void Validate_EverySlotInsideQuietHours_ExplainsNothingWouldBePosted()
    {
        // Arrange
        var options = SchedulerFactory.Bind(
            ("Schedule:Channels:x:Policy", "Slots"),
            ("Schedule:Channels:x:Slots:0", "23:30,06:00"),
            ("Schedule:Channels:x:QuietHours", "23:00-07:00"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            "Schedule:Channels:x:QuietHours: every slot falls inside the quiet hours 23:00-07:00, so nothing would ever be posted.",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_ChannelInheritsDefaultSlots_Succeeds()
    {
        // Arrange
        var options = SchedulerFactory.Bind(
            ("Schedule:Default:Slots:0", "09:00"),
            ("Schedule:Channels:x:Policy", "Slots"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_CronThatNeverFires_SaysSo()
    {
        // Arrange
        var options = SchedulerFactory.Bind(("Schedule:Channels:x:Policy", "Cron"), ("Schedule:Channels:x:Cron", "0 9 30 2 *"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Schedule:Channels:x:Cron: '0 9 30 2 *' never fires (e.g. 30 February).", result.FailureMessage);
    }

    [Fact]
    public void Validate_SlotsAndCronWithoutPolicy_AsksWhichOne()
    {
        // Arrange
        var options = SchedulerFactory.Bind(("Schedule:Channels:x:Slots:0", "09:00"), ("Schedule:Channels:x:Cron", "0 9 * * *"));

        // Act
        var result = new ScheduleOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Schedule:Channels:x:Policy: both Slots and Cron are set; set Policy to the one to use.", result.FailureMessage);
    }
}
