using SyndicationBot.Hosting.Commands;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

public sealed class ParsedCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_RunsTheService()
    {
        // Act
        var parsed = ParsedCommandLine.Parse([]);

        // Assert
        Assert.Equal("run", parsed.Verb);
        Assert.Empty(parsed.ConfigurationArgs);
    }

    [Fact]
    public void Parse_PreviewWithJsonAndSettings_SeparatesSettingsFromTheVerbsFlags()
    {
        // Act
        var parsed = ParsedCommandLine.Parse(["preview", "seeds", "other.txt", "--json", "--Schedule:MinSpacing=00:00:30", "--Sources:MaxFileBytes", "100"]);

        // Assert
        Assert.Equal("preview", parsed.Verb);
        Assert.Equal(["seeds", "other.txt"], parsed.Arguments);
        Assert.True(parsed.Has("--json"));
        Assert.Equal(["--Schedule:MinSpacing=00:00:30", "--Sources:MaxFileBytes", "100"], parsed.ConfigurationArgs);
    }

    [Fact]
    public void Parse_QueueReschedule_KeepsActionIdAndTime()
    {
        // Act
        var parsed = ParsedCommandLine.Parse(["queue", "reschedule", "42", "2026-12-01T09:00:00+01:00", "--limit", "5"]);

        // Assert
        Assert.Equal("queue", parsed.Verb);
        Assert.Equal(["reschedule", "42", "2026-12-01T09:00:00+01:00"], parsed.Arguments);
        Assert.Equal("5", parsed.Values["--limit"]);
    }
}
