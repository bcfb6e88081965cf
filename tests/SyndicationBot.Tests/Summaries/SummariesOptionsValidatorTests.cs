using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Summaries;

public sealed class SummariesOptionsValidatorTests
{
    [Fact]
    public void Validate_ZeroSentences_FailsNamingTheSetting()
    {
        // Arrange
        var target = new SummariesOptionsValidator();

        // Act
        var result = target.Validate(null, new SummariesOptions { MaxSentences = 0 });

        // Assert
        Assert.True(result.Failed);
        Assert.Contains("MaxSentences", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Arrange
        var target = new SummariesOptionsValidator();

        // Act
        var result = target.Validate(null, new SummariesOptions());

        // Assert
        Assert.True(result.Succeeded);
    }
}
