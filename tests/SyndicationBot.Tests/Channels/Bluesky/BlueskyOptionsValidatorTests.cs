using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using Xunit;

namespace SyndicationBot.Tests.Channels.Bluesky;

public sealed class BlueskyOptionsValidatorTests
{
    [Fact]
    public void Validate_Disabled_SucceedsWithoutCredentials()
    {
        // Act
        var result = new BlueskyOptionsValidator().Validate(null, new BlueskyOptions { Enabled = false });

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EnabledWithoutIdentifierOrPassword_NamesEveryMissingKey()
    {
        // Arrange
        var options = new BlueskyOptions { Enabled = true, AppPasswordFile = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}") };

        // Act
        var result = new BlueskyOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Equal(
            "Channels:Bluesky:Identifier is required when Channels:Bluesky:Enabled is true (the handle, DID or e-mail of the account).; " +
            "Channels:Bluesky:AppPassword is required when Channels:Bluesky:Enabled is true: set the environment variable Channels__Bluesky__AppPassword, " +
            $"or Channels:Bluesky:AppPasswordFile, or the file {Path.Combine(ChannelSecret.SecretsDirectory, "bluesky_app_password")}.",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_PasswordFromFile_Succeeds()
    {
        // Arrange
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "abcd-efgh-ijkl-mnop\n");
        var options = new BlueskyOptions { Enabled = true, Identifier = "newsbot.bsky.social", AppPasswordFile = file };

        // Act
        var result = new BlueskyOptionsValidator().Validate(null, options);
        File.Delete(file);

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_Failure_NeverEchoesTheAppPassword()
    {
        // Arrange
        var options = new BlueskyOptions { Enabled = true, Identifier = "newsbot.bsky.social", AppPassword = "s3cr-etpa-sswo-rd00", BaseUrl = new Uri("/relative", UriKind.Relative), MaxThumbBytes = 2_000_000 };

        // Act
        var result = new BlueskyOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            "Channels:Bluesky:BaseUrl must be an absolute http(s) URL (was '/relative').; Channels:Bluesky:MaxThumbBytes must be between 1 and 1000000 (was 2000000).",
            result.FailureMessage);
        Assert.DoesNotContain("s3cr-etpa-sswo-rd00", result.FailureMessage, StringComparison.Ordinal);
    }
}
