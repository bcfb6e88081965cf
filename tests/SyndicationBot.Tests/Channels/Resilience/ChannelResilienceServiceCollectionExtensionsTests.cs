using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Channels.Webhook;
using SyndicationBot.Channels.X;
using Xunit;

namespace SyndicationBot.Tests.Channels.Resilience;

public class ChannelResilienceServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddChannels_RealHostAllDisabled_StartsAndResolvesThreeWrappedChannels()
    {
        // Arrange
        using var host = BuildHost([]);

        // Act
        await host.StartAsync();
        var channels = host.Services.GetServices<IChannel>().ToList();
        await host.StopAsync();

        // Assert
        Assert.Equal(["x", "mastodon", "webhook"], channels.Select(c => c.Name));
        Assert.All(channels, c => Assert.False(c.Enabled));
        Assert.All(channels, c => Assert.IsType<ResilientChannel>(c));
    }

    [Fact]
    public async Task AddChannels_RealHostEnabledChannelMissingSecret_StartFailsNamingTheKey()
    {
        // Arrange
        using var host = BuildHost(
        [
            new("Channels:Mastodon:Enabled", "true"),
            new("Channels:Mastodon:BaseUrl", "https://mastodon.example/"),
        ]);

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:Mastodon:AccessToken is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChannelResilience_CalledTwice_WrapsOnlyOnce()
    {
        // Arrange
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddSingleton<IChannel>(new StubChannel("outbox", DeliveryGuarantee.Idempotent, _ => new PublishResult.Published("1", null)));

        // Act
        services.AddChannelResilience().AddChannelResilience();
        using var provider = services.BuildServiceProvider();
        var channel = Assert.IsType<ResilientChannel>(Assert.Single(provider.GetServices<IChannel>()));

        // Assert
        Assert.IsType<StubChannel>(channel.Inner);
    }

    private static IHost BuildHost(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, DisableDefaults = false, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddXChannel().AddMastodonChannel().AddWebhookChannel().AddChannelResilience();
        return builder.Build();
    }
}
