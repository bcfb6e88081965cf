using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using Xunit;

namespace SyndicationBot.Tests.Channels.Bluesky;

public sealed class BlueskyServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddBlueskyChannel_EnabledWithoutAppPassword_HostFailsToStartNamingTheKey()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Bluesky:Enabled"] = "true",
            ["Channels:Bluesky:Identifier"] = "newsbot.bsky.social",
            ["Channels:Bluesky:AppPasswordFile"] = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}"),
        });
        builder.Services.AddBlueskyChannel();
        using var host = builder.Build();

        // Act
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:Bluesky:AppPassword is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBlueskyChannel_AppPasswordFromEnvironment_ChannelIsAnEnabledIChannel()
    {
        // Arrange
        Environment.SetEnvironmentVariable("SBTEST_BSKY_Channels__Bluesky__AppPassword", "env-pass-word-0000");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddEnvironmentVariables("SBTEST_BSKY_");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Bluesky:Enabled"] = "true",
            ["Channels:Bluesky:Identifier"] = "newsbot.bsky.social",
        });
        builder.Services.AddBlueskyChannel();
        using var host = builder.Build();

        // Act
        var channels = host.Services.GetServices<IChannel>().ToList();
        var options = host.Services.GetRequiredService<IOptions<BlueskyOptions>>().Value;

        // Assert
        var channel = Assert.Single(channels);
        Assert.Equal("bluesky", channel.Name);
        Assert.True(channel.Enabled);
        Assert.Equal(DeliveryGuarantee.Idempotent, channel.Guarantee);
        Assert.Equal("env-pass-word-0000", options.AppPassword);
        Assert.DoesNotContain("env-pass-word-0000", options.ToString(), StringComparison.Ordinal);
        Environment.SetEnvironmentVariable("SBTEST_BSKY_Channels__Bluesky__AppPassword", null);
    }

    [Fact]
    public async Task AddBlueskyChannel_Disabled_StartsWithoutCredentials()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddBlueskyChannel();
        using var host = builder.Build();

        // Act
        await host.StartAsync();

        // Assert
        Assert.False(host.Services.GetRequiredService<IChannel>().Enabled);
        await host.StopAsync();
    }
}
