using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Outbox;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Channels.X;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Channels;

public sealed class ChannelAccountsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void Read_OneSectionPerNetwork_EachIsTheChannelNamedAfterItsNetwork()
    {
        // Arrange
        var configuration = Configuration(("Channels:X:Enabled", "true"), ("Channels:Mastodon:BaseUrl", "https://m.example/"));

        // Act
        var accounts = ChannelAccounts.Read(configuration);

        // Assert
        Assert.Empty(accounts.Problems);
        Assert.Equal(Networks.All.Select(n => n.Name), accounts.All.Select(a => a.Id));
        Assert.All(accounts.All, a => Assert.True(a.IsDefault));
    }

    [Fact]
    public void Read_TwoAccountsOnOneNetwork_BothChannelsOfThatNetwork()
    {
        // Arrange
        var configuration = Configuration(("Channels:X-FR:Network", "x"), ("Channels:x-ar:Network", "X"), ("Channels:desk:Network", "mastodon"));

        // Act
        var accounts = ChannelAccounts.Read(configuration);

        // Assert
        Assert.Empty(accounts.Problems);
        Assert.Equal(["x", "mastodon", "bluesky", "telegram", "facebook", "webhook", "outbox", "x-ar", "x-fr", "desk"], accounts.All.Select(a => a.Id));
        Assert.Equal("x", accounts.NetworkOf("x-fr")!.Name);
        Assert.Equal("mastodon", accounts.NetworkOf("desk")!.Name);
        Assert.Equal("Channels:x-fr", accounts.Find("X-FR")!.Section(XOptions.SectionName));
    }

    [Theory]
    [InlineData("Channels:x-fr:Network", "twitter", "Channels:x-fr:Network: 'twitter' is not a network; the known networks are bluesky, facebook, mastodon, outbox, telegram, webhook, x.")]
    [InlineData("Channels:Mastadon:Enabled", "true", "Channels:Mastadon: 'Mastadon' is not a channel: name its network with Channels:Mastadon:Network")]
    [InlineData("Channels:x:Network", "mastodon", "Channels:x:Network: the channel 'x' is the x network's own account and cannot post to mastodon")]
    [InlineData("Channels:fr desk:Network", "x", "Channels:fr desk: 'fr desk' cannot be a channel id")]
    public void Read_SectionThatIsNoAccount_ProblemNamesTheKey(string key, string value, string expected)
    {
        // Act
        var accounts = ChannelAccounts.Read(Configuration((key, value)));

        // Assert
        Assert.StartsWith(expected, Assert.Single(accounts.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownNetwork_StopsNamingTheKey()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?> { ["Channels:x-fr:Network"] = "twitter" }).Build();

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:x-fr:Network: 'twitter' is not a network", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NamedAccountMissingCredentials_NamesTheAccountsKeysAndSecretFiles()
    {
        // Arrange: the network's own section has every credential; the named account none, and must not borrow them.
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Channels:X:Enabled"] = "true",
            ["Channels:X:ConsumerKey"] = "ck-default-123",
            ["Channels:X:ConsumerSecret"] = "cs-default-123",
            ["Channels:X:AccessToken"] = "at-default-123",
            ["Channels:X:AccessTokenSecret"] = "ats-default-123",
            ["Channels:x-fr:Network"] = "x",
            ["Channels:x-fr:Enabled"] = "true",
        }).Build();

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains(
            $"Channels:x-fr:ConsumerKey is required when Channels:x-fr:Enabled is true and Channels:x-fr:Auth is OAuth1 (set the environment variable Channels__x-fr__ConsumerKey, the option Channels:x-fr:ConsumerKeyFile, or the file /run/secrets/x-fr_consumer_key).",
            exception.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Channels:X:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TwoAccountsOnOneNetwork_EachChannelHasItsOwnIdOptionsAndRateLimit()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Channels:desk-fr:Network"] = "mastodon",
            ["Channels:desk-fr:BaseUrl"] = "https://fr.example/",
            ["Channels:desk-ar:Network"] = "mastodon",
            ["Channels:desk-ar:BaseUrl"] = "https://ar.example/",
            ["Channels:desk-ar:Resilience:PermitsPerWindow"] = "7",
        }).Build();

        // Act
        var channels = host.Services.GetServices<IChannel>().Select(c => c.Name).ToList();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<MastodonOptions>>();
        var resilience = host.Services.GetRequiredService<IOptionsMonitor<ChannelResilienceOptions>>();

        // Assert
        Assert.Contains("desk-fr", channels);
        Assert.Contains("desk-ar", channels);
        Assert.Contains("mastodon", channels);
        Assert.Equal(new Uri("https://fr.example/"), monitor.Get("desk-fr").BaseUrl);
        Assert.Equal(new Uri("https://ar.example/"), monitor.Get("desk-ar").BaseUrl);
        Assert.Equal(Path.Combine(ChannelSecret.SecretsDirectory, "desk-fr_access_token"), monitor.Get("desk-fr").AccessTokenFile);
        Assert.Equal(MastodonNetwork.Descriptor.Limit.Permits, resilience.Get("desk-fr").PermitsPerWindow);
        Assert.Equal(7, resilience.Get("desk-ar").PermitsPerWindow);
    }

    [Fact]
    public async Task Start_TwoOutboxAccountsOnOneFile_StopsNamingBothKeys()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Channels:Outbox:Path"] = "data/out.jsonl",
            ["Channels:archive:Network"] = "outbox",
            ["Channels:archive:Path"] = "data/../data/out.jsonl",
        }).Build();

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:Outbox:Path and Channels:archive:Path are the same file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_NamedOutboxAccount_WritesItsOwnFileUnderItsOwnName()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?> { ["Channels:archive:Network"] = "outbox" }).Build();
        var archive = host.Services.GetServices<IChannel>().Single(c => c.Name == "archive");

        // Act
        var result = await archive.PublishAsync(new OutgoingPost(1, "key-1", 1, TestArticles.Draft("archive")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.True(archive.Enabled);
        var line = Assert.Single(await File.ReadAllLinesAsync(_folder.Combine("data", "archive.jsonl")));
        Assert.Contains("\"channel\":\"archive\"", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("data", "outbox.jsonl")));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
