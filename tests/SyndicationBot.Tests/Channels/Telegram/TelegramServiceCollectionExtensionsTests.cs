using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Telegram;
using Xunit;

namespace SyndicationBot.Tests.Channels.Telegram;

public sealed class TelegramServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddTelegramChannel_EnabledWithoutToken_HostFailsToStartNamingTheKey()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Telegram:Enabled"] = "true",
            ["Channels:Telegram:ChatId"] = "@syndication_news",
            ["Channels:Telegram:BotTokenFile"] = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}"),
        });
        builder.Services.AddTelegramChannel();
        using var host = builder.Build();

        // Act
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:Telegram:BotToken is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTelegramChannel_TokenFromSecretFile_ChannelIsAnEnabledIChannelWithoutGuarantee()
    {
        // Arrange
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "7012345678:AAH-fromFile_0123\n");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Telegram:Enabled"] = "true",
            ["Channels:Telegram:ChatId"] = "@syndication_news",
            ["Channels:Telegram:BotTokenFile"] = file,
        });
        builder.Services.AddTelegramChannel();
        using var host = builder.Build();

        // Act
        var channel = Assert.Single(host.Services.GetServices<IChannel>());

        // Assert
        Assert.Equal("telegram", channel.Name);
        Assert.True(channel.Enabled);
        Assert.Equal(DeliveryGuarantee.None, channel.Guarantee);
        File.Delete(file);
    }
}
