using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Facebook;
using Xunit;

namespace SyndicationBot.Tests.Channels.Facebook;

public sealed class FacebookServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddFacebookChannel_EnabledWithoutAppSecret_HostFailsToStartNamingTheKey()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Facebook:Enabled"] = "true",
            ["Channels:Facebook:PageId"] = "1647395831",
            ["Channels:Facebook:PageAccessToken"] = "EAAG-token",
            ["Channels:Facebook:AppSecretFile"] = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}"),
        });
        builder.Services.AddFacebookChannel();
        using var host = builder.Build();

        // Act
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:Facebook:AppSecret is required", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("EAAG-token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFacebookChannel_Configured_ChannelIsAnEnabledIChannelThatLooksPostsUp()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Facebook:Enabled"] = "true",
            ["Channels:Facebook:PageId"] = "1647395831",
            ["Channels:Facebook:PageAccessToken"] = "EAAG-token",
            ["Channels:Facebook:AppSecret"] = "shh",
        });
        builder.Services.AddFacebookChannel();
        using var host = builder.Build();

        // Act
        var channel = Assert.Single(host.Services.GetServices<IChannel>());

        // Assert
        Assert.Equal("facebook", channel.Name);
        Assert.True(channel.Enabled);
        Assert.Equal(DeliveryGuarantee.Lookup, channel.Guarantee);
    }
}
