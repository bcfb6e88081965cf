using SyndicationBot.Hosting.Commands;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

public sealed class ConfigurationArgumentsTests
{
    [Fact]
    public void Split_PreviewWithJsonAndSettings_SeparatesSettingsFromTheVerbsWords()
    {
        // Act
        var (settings, verb) = ConfigurationArguments.Split(["preview", "seeds", "other.txt", "--json", "--Schedule:MinSpacing=00:00:30", "--Sources:MaxFileBytes", "100"]);

        // Assert
        Assert.Equal(["preview", "seeds", "other.txt", "--json"], verb);
        Assert.Equal(["--Schedule:MinSpacing=00:00:30", "--Sources:MaxFileBytes", "100"], settings);
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--version")]
    public void Split_BareOption_IsLeftToTheParser(string option)
    {
        // Act
        var (settings, verb) = ConfigurationArguments.Split(["run", option]);

        // Assert
        Assert.Empty(settings);
        Assert.Equal(["run", option], verb);
    }
}
