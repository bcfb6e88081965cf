using SyndicationBot.Channels;
using SyndicationBot.Channels.Facebook;
using Xunit;

namespace SyndicationBot.Tests.Channels.Facebook;

public sealed class FacebookOptionsValidatorTests
{
    [Fact]
    public void Validate_Disabled_SucceedsWithoutCredentials()
    {
        // Act
        var result = new FacebookOptionsValidator().Validate(null, new FacebookOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EnabledWithoutPageOrSecrets_NamesEveryMissingKey()
    {
        // Arrange
        var absent = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}");
        var options = new FacebookOptions { Enabled = true, PageAccessTokenFile = absent, AppSecretFile = absent };
        var secrets = ChannelSecret.SecretsDirectory;

        // Act
        var result = new FacebookOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            "Channels:Facebook:PageId must be the Page's numeric id (was '').; " +
            "Channels:Facebook:PageAccessToken is required when Channels:Facebook:Enabled is true: set the environment variable Channels__Facebook__PageAccessToken, " +
            $"or Channels:Facebook:PageAccessTokenFile, or the file {Path.Combine(secrets, "facebook_page_access_token")}.; " +
            "Channels:Facebook:AppSecret is required when Channels:Facebook:Enabled is true: set the environment variable Channels__Facebook__AppSecret, " +
            $"or Channels:Facebook:AppSecretFile, or the file {Path.Combine(secrets, "facebook_app_secret")}.",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_SecretsFromFiles_Succeeds()
    {
        // Arrange
        var token = Path.GetTempFileName();
        var secret = Path.GetTempFileName();
        File.WriteAllText(token, "EAAG-page-token\n");
        File.WriteAllText(secret, "app-secret\n");
        var options = new FacebookOptions { Enabled = true, PageId = "1647395831", PageAccessTokenFile = token, AppSecretFile = secret };

        // Act
        var result = new FacebookOptionsValidator().Validate(null, options);
        File.Delete(token);
        File.Delete(secret);

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_BadVersion_SaysWhatItWas()
    {
        // Arrange
        var options = new FacebookOptions { Enabled = true, PageId = "1647395831", PageAccessToken = "EAAG-token", AppSecret = "shh", ApiVersion = "23" };

        // Act
        var result = new FacebookOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Channels:Facebook:ApiVersion must look like v23.0 (was '23').", result.FailureMessage);
    }
}
