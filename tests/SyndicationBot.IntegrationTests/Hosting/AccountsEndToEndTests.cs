using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using SyndicationBot.IntegrationTests.Support;
using SyndicationBot.Tests.Channels.X;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hosting;

/// <summary>
/// Issue 14, acceptance 1, through the whole in-process host: two accounts on one network with routes by language
/// (each account on its own local X contract server), and a ledger written under the one-account-per-network
/// settings run again with accounts added, which posts nothing again.
/// </summary>
public sealed class AccountsEndToEndTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ObservableFakeTimeProvider _time = new(Start);
    private FakeXServer? _french;
    private FakeXServer? _arabic;

    public async Task InitializeAsync()
    {
        _french = await FakeXServer.StartAsync(_time);
        _arabic = await FakeXServer.StartAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _french!.DisposeAsync();
        await _arabic!.DisposeAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_TwoXAccountsRoutedByLanguage_FrenchArticleOnlyOnTheFrenchAccountArabicOnlyOnTheArabic()
    {
        // Arrange
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        CopyBeforeStart(Page("fr_chapo_standfirst.txt"), Path.Combine(seeds, "fes.txt"));
        CopyBeforeStart(Page("ar_byline_related.txt"), Path.Combine(seeds, "dessalement.txt"));
        CopyBeforeStart(Path.Combine(AppContext.BaseDirectory, "TestData", "Hosting", "seed.txt"), Path.Combine(seeds, "hammouchi.txt"));
        using var host = BuildHost(RoutedAccounts());

        // Act
        await host.StartAsync();
        var bothPosted = await WaitAsync(() => _french!.PostedTexts.Count >= 2 && _arabic!.PostedTexts.Count >= 1);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50);
        }

        await host.StopAsync();

        // Assert
        Assert.True(bothPosted, $"posted: fr {_french!.PostedTexts.Count}, ar {_arabic!.PostedTexts.Count}");
        var french = _french.PostedTexts.ToList();
        Assert.Equal(2, french.Count);
        Assert.Contains(french, t => t.StartsWith("Le Festival de Fès célèbre les musiques sacrées du monde", StringComparison.Ordinal));
        Assert.Contains(french, t => t.StartsWith("Hammouchi et la Chine renforcent le partenariat sécuritaire", StringComparison.Ordinal));
        var arabic = Assert.Single(_arabic.PostedTexts);
        Assert.StartsWith("المغرب يطلق برنامجا وطنيا لتحلية مياه البحر في المدن الساحلية", arabic, StringComparison.Ordinal);
        Assert.Equal(2, _french.TweetRequests);
        Assert.Equal(1, _arabic.TweetRequests);
    }

    [Fact]
    public async Task Run_LedgerOfTheOneAccountPerNetworkSettingsRunWithAccountsAdded_PostsNothingAgain()
    {
        // Arrange: the settings of before accounts (Channels:Outbox) write the ledger and the outbox.
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        CopyBeforeStart(Path.Combine(AppContext.BaseDirectory, "TestData", "Hosting", "seed.txt"), Path.Combine(seeds, "000_seed.txt"));
        Dictionary<string, string?> before = new() { ["Channels:Outbox:Enabled"] = "true", ["Channels:Outbox:Path"] = "data/outbox.jsonl" };
        using (var first = BuildHost(before))
        {
            await first.StartAsync();
            Assert.True(await WaitAsync(() => ReadOutbox().Count >= 1));
            await first.StopAsync();
        }

        // Act: the same settings, plus two X accounts routed by language and an archive outbox account.
        var after = new Dictionary<string, string?>(before);
        foreach (var (key, value) in RoutedAccounts())
        {
            after.TryAdd(key, value);
        }

        after["Channels:archive:Network"] = "outbox";
        after["Routing:Default:0"] = "archive";
        after["Routing:Routes:2:Channels:0"] = "outbox";
        using var second = BuildHost(after);
        await second.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
        }

        await second.StopAsync();

        // Assert: the seed was handled under the old settings; nothing is posted again, on the old channel or the new ones.
        var line = Assert.Single(ReadOutbox());
        Assert.Equal("outbox", line.GetProperty("channel").GetString());
        Assert.Equal(0, _french!.TweetRequests);
        Assert.Equal(0, _arabic!.TweetRequests);
        Assert.False(File.Exists(_folder.Combine("data", "archive.jsonl")));
    }

    private Dictionary<string, string?> RoutedAccounts()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Outbox:Enabled"] = "false",
            ["Routing:Routes:0:Name"] = "french desk",
            ["Routing:Routes:0:Languages:0"] = "fr",
            ["Routing:Routes:0:Channels:0"] = "x-fr",
            ["Routing:Routes:1:Name"] = "arabic desk",
            ["Routing:Routes:1:Languages:0"] = "ar",
            ["Routing:Routes:1:Channels:0"] = "x-ar",
        };
        foreach (var (id, server) in new[] { ("x-fr", _french!), ("x-ar", _arabic!) })
        {
            settings[$"Channels:{id}:Network"] = "x";
            settings[$"Channels:{id}:Enabled"] = "true";
            settings[$"Channels:{id}:BaseUrl"] = server.BaseAddress.ToString();
            settings[$"Channels:{id}:Username"] = id;
            settings[$"Channels:{id}:ConsumerKey"] = FakeXServer.ConsumerKey;
            settings[$"Channels:{id}:ConsumerSecret"] = FakeXServer.ConsumerSecret;
            settings[$"Channels:{id}:AccessToken"] = FakeXServer.AccessToken;
            settings[$"Channels:{id}:AccessTokenSecret"] = FakeXServer.AccessTokenSecret;
        }

        return settings;
    }

    private IHost BuildHost(Dictionary<string, string?> settings) =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>(settings)
        {
            ["Sources:SeedsPath"] = "seeds",
            ["Sources:Watch:SettleTime"] = "00:00:01",
            ["Sources:Watch:RescanInterval"] = "00:00:02",
            ["Schedule:MinSpacing"] = "00:00:05",
            ["Dispatch:MaxIdle"] = "00:00:01",
        }, _time).Build();

    private static string Page(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Articles", "Pages", name);

    private static void CopyBeforeStart(string source, string destination)
    {
        File.Copy(source, destination);
        File.SetLastWriteTimeUtc(destination, Start.AddHours(-1).UtcDateTime);
    }

    private List<JsonElement> ReadOutbox()
    {
        var path = _folder.Combine("data", "outbox.jsonl");
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())]
            : [];
    }

    // Background services run on real threads: the fake clock moves on in steps while the condition is awaited.
    private async Task<bool> WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (condition())
            {
                return true;
            }

            if (i % 20 == 19)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(10);
        }

        return false;
    }
}
