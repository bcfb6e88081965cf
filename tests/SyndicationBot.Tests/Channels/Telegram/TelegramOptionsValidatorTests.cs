using SyndicationBot.Channels;
using SyndicationBot.Channels.Telegram;
using Xunit;

namespace SyndicationBot.Tests.Channels.Telegram;

public sealed class TelegramOptionsValidatorTests
{
    [Fact]
    public void Validate_Disabled_SucceedsWithoutCredentials()
    {
        // Act
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EnabledWithoutTokenOrChat_NamesEveryMissingKey()
    {
        // Arrange
        var options = new TelegramOptions { Enabled = true, BotTokenFile = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}") };
        var secrets = ChannelSecret.SecretsDirectory;

        // Act
        var result = new TelegramOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            "Channels:Telegram:ChatId must be @channelusername or a numeric chat id such as -1001234567890 (was '').; " +
            "Channels:Telegram:BotToken is required when Channels:Telegram:Enabled is true: set the environment variable Channels__Telegram__BotToken, " +
            $"or Channels:Telegram:BotTokenFile, or the file {Path.Combine(secrets, "telegram_bot_token")}.",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_MalformedToken_SaysSoWithoutEchoingIt()
    {
        // Arrange
        var options = new TelegramOptions { Enabled = true, BotToken = "not a token, but secret-ish", ChatId = "@syndication_news" };

        // Act
        var result = new TelegramOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Channels:Telegram:BotToken does not look like a bot token (<bot id>:<secret>, as @BotFather issues it).", result.FailureMessage);
    }

    [Theory]
    [InlineData("@syndication_news")]
    [InlineData("-1001234567890")]
    [InlineData("123456789")]
    public void Validate_ChatIdAsUsernameOrLongId_Succeeds(string chatId)
    {
        // Arrange
        var options = new TelegramOptions { Enabled = true, BotToken = "7012345678:AAH-token_0123", ChatId = chatId };

        // Act
        var result = new TelegramOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
