using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Channels.Facebook;
using SyndicationBot.Channels.Telegram;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Channels.Bluesky;
using SyndicationBot.Tests.Channels.Facebook;
using Xunit;

namespace SyndicationBot.Tests.Channels.Telegram;

/// <summary>The three channels registered together, as the host wires them, each against its own contract server.</summary>
public sealed class ChannelIsolationTests : IAsyncLifetime
{
    private const string BlueskyPassword = "iso1-iso2-iso3-iso4";
    private const string TelegramToken = "7012345678:AAH-isolationToken_0123456789";
    private const string FacebookToken = "EAAGisolationPageToken0123456789";
    private const string FacebookSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private BlueskyContractServer bluesky = null!;
    private TelegramContractServer telegram = null!;
    private FacebookContractServer facebook = null!;
    private ServiceProvider provider = null!;

    public async Task InitializeAsync()
    {
        bluesky = await BlueskyContractServer.StartAsync(BlueskyPassword);
        telegram = await TelegramContractServer.StartAsync(TelegramToken);
        facebook = await FacebookContractServer.StartAsync(FacebookToken, FacebookSecret);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Bluesky:Enabled"] = "true",
            ["Channels:Bluesky:BaseUrl"] = bluesky.BaseUrl.AbsoluteUri,
            ["Channels:Bluesky:Identifier"] = BlueskyContractServer.Handle,
            ["Channels:Bluesky:AppPassword"] = BlueskyPassword,
            ["Channels:Telegram:Enabled"] = "true",
            ["Channels:Telegram:BaseUrl"] = telegram.BaseUrl.AbsoluteUri,
            ["Channels:Telegram:BotToken"] = TelegramToken,
            ["Channels:Telegram:ChatId"] = "@" + TelegramContractServer.ChannelUsername,
            ["Channels:Facebook:Enabled"] = "true",
            ["Channels:Facebook:BaseUrl"] = facebook.BaseUrl.AbsoluteUri,
            ["Channels:Facebook:PageId"] = FacebookContractServer.PageId,
            ["Channels:Facebook:PageAccessToken"] = FacebookToken,
            ["Channels:Facebook:AppSecret"] = FacebookSecret,
            ["Sources:AllowPrivateAddresses"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero)));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddBlueskyChannel().AddTelegramChannel().AddFacebookChannel();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await bluesky.DisposeAsync();
        await telegram.DisposeAsync();
        await facebook.DisposeAsync();
    }

    [Fact]
    public async Task PublishAsync_TelegramTokenRevoked_OnlyTelegramIsPausedAndTheOthersPublish()
    {
        // Arrange
        var channels = provider.GetServices<IChannel>().ToDictionary(c => c.Name);
        telegram.Token = "7012345678:AAH-replacedByTheOperator_0000";

        // Act
        var results = new Dictionary<string, PublishResult>();
        foreach (var (name, channel) in channels)
        {
            results[name] = await channel.PublishAsync(PostFor(name, 1), CancellationToken.None);
        }

        // Assert
        Assert.Equal(["bluesky", "facebook", "telegram"], results.Keys.Order());
        Assert.IsType<PublishResult.AuthFailed>(results["telegram"]);
        Assert.IsType<PublishResult.Published>(results["bluesky"]);
        Assert.IsType<PublishResult.Published>(results["facebook"]);
    }

    [Fact]
    public async Task PublishAsync_AllChannelsThroughEveryOutcome_LogsNoneOfTheConfiguredSecrets()
    {
        // Arrange
        var channels = provider.GetServices<IChannel>().ToList();

        // Act
        foreach (var channel in channels)
        {
            await channel.PublishAsync(PostFor(channel.Name, 1), CancellationToken.None);
        }

        bluesky.ExpireAccessTokens();
        telegram.RetryAfterSeconds = 5;
        facebook.ThrottleCode = 32;
        facebook.RegainAccessMinutes = 3;
        foreach (var channel in channels)
        {
            await channel.PublishAsync(PostFor(channel.Name, 2), CancellationToken.None);
        }

        bluesky.ExpireAccessTokens();
        bluesky.ExpireRefreshTokens();
        bluesky.AppPassword = "changed";
        telegram.Token = "7012345678:AAH-changed";
        facebook.PageToken = "changed";
        foreach (var channel in channels)
        {
            await channel.PublishAsync(PostFor(channel.Name, 3), CancellationToken.None);
        }

        // Assert
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.True(logs.Count >= 9);
        string[] secrets = [BlueskyPassword, TelegramToken, TelegramToken.Split(':')[1], FacebookToken, FacebookSecret, .. bluesky.IssuedTokens];
        foreach (var record in logs)
        {
            var text = $"{record.Message} {string.Join(' ', record.StructuredState?.Select(kv => kv.Value) ?? [])} {record.Exception}";
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{record.Category} leaks a secret: {text}");
            }
        }
    }

    private static OutgoingPost PostFor(string channel, int n)
    {
        var text = $"Article {n} for {channel} https://example.org/a/{n}";
        return new OutgoingPost(n, $"article-{n}:{channel}", 1, new PostDraft(channel, text, text.Length, 300) { Language = "en", Link = new Uri($"https://example.org/a/{n}") });
    }
}
