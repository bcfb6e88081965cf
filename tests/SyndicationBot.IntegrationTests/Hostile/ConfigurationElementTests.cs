using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// A bad value inside a list or dictionary element, and a channel name nobody knows, stop start-up naming the full
/// key; the binder alone drops the element silently and the service starts without it.
/// </summary>
public sealed class ConfigurationElementTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_FeedPollIntervalNotATimeSpan_StopsStartupNamingTheKey()
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Feeds:0:Url"] = "http://127.0.0.1:9/feed.xml",
            ["Sources:Feeds:0:PollInterval"] = "soon",
        };

        // Act
        var (exit, error) = await RunAsync(settings);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Sources:Feeds:0:PollInterval: 'soon' is not a time span (hh:mm:ss)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Schedule:Channels:outbox:MaxPerDay", "abc", "Schedule:Channels:outbox:MaxPerDay: 'abc' is not a whole number")]
    [InlineData("Schedule:Channels:outbox:Slots:0", "09:00", null)]
    [InlineData("Schedule:Channels:outbox:MinSpacing", "later", "Schedule:Channels:outbox:MinSpacing: 'later' is not a time span (hh:mm:ss)")]
    [InlineData("Sources:Feeds:0:Enabled", "maybe", "Sources:Feeds:0:Enabled: 'maybe' is not true or false")]
    public void Validate_ValueInsideAnElement_IsCheckedAgainstItsType(string key, string value, string? expected)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Sources:Feeds:0", StringComparison.Ordinal))
        {
            settings["Sources:Feeds:0:Url"] = "http://127.0.0.1:9/feed.xml";
        }

        // Act
        var failures = Validate(settings);

        // Assert
        if (expected is null)
        {
            Assert.Empty(failures);
        }
        else
        {
            Assert.Contains(failures, failure => failure.StartsWith(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Channels:Mastadon:Enabled", "Channels:Mastadon: 'Mastadon' is not a channel")]
    [InlineData("Schedule:Channels:outbx:MinSpacing", "Schedule:Channels:outbx: 'outbx' is not a channel")]
    [InlineData("Posts:Channels:tweeter:Template", "Posts:Channels:tweeter: 'tweeter' is not a channel")]
    public void Validate_UnknownChannelName_StopsStartupListingTheKnownNames(string key, string expected)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { [key] = key.EndsWith("MinSpacing", StringComparison.Ordinal) ? "00:01:00" : "true" };

        // Act
        var failures = Validate(settings);

        // Assert
        var failure = Assert.Single(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains("bluesky, facebook, mastodon, outbox, telegram, webhook, x", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KnownChannelsInAnyCase_AreAccepted()
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Outbox:Enabled"] = "true",
            ["Schedule:Channels:Outbox:MaxPerDay"] = "10",
            ["Posts:Channels:mastodon:MaxHashtags"] = "2",
        };

        // Act
        var failures = Validate(settings);

        // Assert
        Assert.Empty(failures);
    }

    private List<string> Validate(Dictionary<string, string?> settings)
    {
        using var host = TestHost.CreateBuilder(_folder, settings).Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
        catch (AggregateException exception)
        {
            return [.. exception.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }

    private async Task<(int Exit, string Error)> RunAsync(Dictionary<string, string?> settings)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(["run"], _ => TestHost.CreateBuilder(_folder, settings), output, error);
        return (exit, error.ToString());
    }
}
