using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Hosting;
using SyndicationBot.Posts;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Channels.Bluesky;
using SyndicationBot.Tests.Channels.Facebook;
using SyndicationBot.Tests.Channels.Mastodon;
using SyndicationBot.Tests.Channels.Telegram;
using SyndicationBot.Tests.Channels.X;
using SyndicationBot.Tests.Contract;
using SyndicationBot.Tests.Support;

namespace SyndicationBot.IntegrationTests.Faults;

/// <summary>
/// The real host graph (<see cref="SyndicationBotHostBuilderExtensions.AddSyndicationBot"/>) on a temp content root
/// and SQLite ledger, with X, Mastodon, Bluesky, Telegram and Facebook each pointed at a <see cref="ChaosProxy"/> in front of
/// that network's contract server, and time on a fake clock. The host is built, not started: the test drives
/// <see cref="Dispatcher.RunOnceAsync"/> itself, so no background loop races it.
/// </summary>
internal sealed class FaultRunHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    public const string BlueskyPassword = "faul-trun-blue-sky1";
    public const string TelegramToken = "7012345678:AAH-faultRunToken_0123456789";
    public const string FacebookPageToken = "EAAGm0PX4ZCpsBAFaultRunPageToken0123456789";
    public const string FacebookAppSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>The fake clock's step while only deliberately hanging requests (or none) are in flight.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private readonly TempFolder folder;
    private readonly IHost host;
    private readonly RequestCounter openRequests;

    private FaultRunHost(
        TempFolder folder,
        FakeTimeProvider time,
        IHost host,
        FakeXServer x,
        FakeMastodonServer mastodon,
        BlueskyContractServer bluesky,
        TelegramContractServer telegram,
        FacebookContractServer facebook,
        IReadOnlyDictionary<FaultNetwork, ChaosProxy> proxies,
        RequestCounter openRequests)
    {
        this.folder = folder;
        this.host = host;
        this.openRequests = openRequests;
        Time = time;
        X = x;
        Mastodon = mastodon;
        Bluesky = bluesky;
        Telegram = telegram;
        Facebook = facebook;
        Proxies = proxies;
    }

    public FakeTimeProvider Time { get; }

    public FakeXServer X { get; }

    public FakeMastodonServer Mastodon { get; }

    public BlueskyContractServer Bluesky { get; }

    public TelegramContractServer Telegram { get; }

    public FacebookContractServer Facebook { get; }

    public IReadOnlyDictionary<FaultNetwork, ChaosProxy> Proxies { get; }

    public IPostQueue Queue => host.Services.GetRequiredService<IPostQueue>();

    public Dispatcher Dispatcher => host.Services.GetRequiredService<Dispatcher>();

    public IEnumerable<IChannel> Channels => host.Services.GetServices<IChannel>();

    public static string ChannelName(FaultNetwork network) => network.ToString().ToLowerInvariant();

    public static async Task<FaultRunHost> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var folder = new TempFolder();
        var time = new FakeTimeProvider(Start);
        var x = await FakeXServer.StartAsync(time);
        var mastodon = await FakeMastodonServer.StartAsync(time);
        var bluesky = await BlueskyContractServer.StartAsync(BlueskyPassword);
        var telegram = await TelegramContractServer.StartAsync(TelegramToken);
        var facebook = await FacebookContractServer.StartAsync(FacebookPageToken, FacebookAppSecret, time);

        // The servers' own windows are lifted too: every 429 in the run is an injected one, with a known reset.
        x.LimitWindow(1_000_000);
        mastodon.LimitWindow(1_000_000, TimeSpan.FromHours(3));
        var proxies = new Dictionary<FaultNetwork, ChaosProxy>
        {
            [FaultNetwork.X] = await ChaosProxy.StartAsync(FaultNetwork.X, x.BaseAddress, time),
            [FaultNetwork.Mastodon] = await ChaosProxy.StartAsync(FaultNetwork.Mastodon, mastodon.BaseAddress, time),
            [FaultNetwork.Bluesky] = await ChaosProxy.StartAsync(FaultNetwork.Bluesky, bluesky.BaseUrl, time),
            [FaultNetwork.Telegram] = await ChaosProxy.StartAsync(FaultNetwork.Telegram, telegram.BaseUrl, time),
            [FaultNetwork.Facebook] = await ChaosProxy.StartAsync(FaultNetwork.Facebook, facebook.BaseUrl, time),
        };

        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={folder.Combine("ledger.db")}",
            ["Sources:SeedsPath"] = "seeds",
            ["Schedule:MinSpacing"] = "00:00:00",
            ["Dispatch:BatchSize"] = "100",
            ["Channels:Outbox:Enabled"] = "false",
            ["Channels:X:Enabled"] = "true",
            ["Channels:X:BaseUrl"] = proxies[FaultNetwork.X].BaseAddress.AbsoluteUri,
            ["Channels:X:ConsumerKey"] = FakeXServer.ConsumerKey,
            ["Channels:X:ConsumerSecret"] = FakeXServer.ConsumerSecret,
            ["Channels:X:AccessToken"] = FakeXServer.AccessToken,
            ["Channels:X:AccessTokenSecret"] = FakeXServer.AccessTokenSecret,
            ["Channels:Mastodon:Enabled"] = "true",
            ["Channels:Mastodon:BaseUrl"] = proxies[FaultNetwork.Mastodon].BaseAddress.AbsoluteUri,
            ["Channels:Mastodon:AccessToken"] = FakeMastodonServer.Token,
            ["Channels:Bluesky:Enabled"] = "true",
            ["Channels:Bluesky:BaseUrl"] = proxies[FaultNetwork.Bluesky].BaseAddress.AbsoluteUri,
            ["Channels:Bluesky:Identifier"] = BlueskyContractServer.Handle,
            ["Channels:Bluesky:AppPassword"] = BlueskyPassword,
            ["Channels:Telegram:Enabled"] = "true",
            ["Channels:Telegram:BaseUrl"] = proxies[FaultNetwork.Telegram].BaseAddress.AbsoluteUri,
            ["Channels:Telegram:BotToken"] = TelegramToken,
            ["Channels:Telegram:ChatId"] = "@" + TelegramContractServer.ChannelUsername,
            ["Channels:Facebook:Enabled"] = "true",
            ["Channels:Facebook:BaseUrl"] = proxies[FaultNetwork.Facebook].BaseAddress.AbsoluteUri,
            ["Channels:Facebook:PageId"] = FacebookContractServer.PageId,
            ["Channels:Facebook:PageAccessToken"] = FacebookPageToken,
            ["Channels:Facebook:AppSecret"] = FacebookAppSecret,
        };
        foreach (var network in Enum.GetValues<FaultNetwork>())
        {
            // Proactive limits lifted: the run is about faults, not about waiting out documented windows.
            settings[$"Channels:{network}:Resilience:PermitsPerWindow"] = "0";
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = folder.Path,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        var openRequests = new RequestCounter();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountingHandler(openRequests)));
        builder.AddSyndicationBot();
        var host = builder.Build();
        await host.Services.GetRequiredService<IPostQueue>().InitializeAsync(CancellationToken.None);
        return new FaultRunHost(folder, time, host, x, mastodon, bluesky, telegram, facebook, proxies, openRequests);
    }

    /// <summary>Queues one article per number, each with one post per network, all due now.</summary>
    public async Task EnqueueAsync(int articles, int first = 0)
    {
        for (var i = first; i < first + articles; i++)
        {
            var article = TestArticles.Create(
                string.Create(CultureInfo.InvariantCulture, $"Fault run story {i}"),
                string.Create(CultureInfo.InvariantCulture, $"https://example.org/fault-run/{i}"));
            List<NewPost> posts = [.. Enum.GetValues<FaultNetwork>().Select(n => new NewPost(Draft(n, i), Time.GetUtcNow()))];
            await Queue.EnqueueAsync(article, posts, Time.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>The post's text on <paramref name="network"/>; it carries the marker the proxy traces.</summary>
    public static string Text(FaultNetwork network, long marker) =>
        string.Create(CultureInfo.InvariantCulture, $"Fault run story {marker} for {ChannelName(network)} {ChaosProxy.Marker(marker)}");

    /// <summary>Every post in the ledger, keyed by network and marker.</summary>
    public async Task<Dictionary<(FaultNetwork Network, long Marker), QueuedPost>> LedgerAsync()
    {
        var all = await Queue.ListAsync(Enum.GetValues<PostState>(), 100_000, newestFirst: false, CancellationToken.None);
        return all.ToDictionary(p => (Enum.Parse<FaultNetwork>(p.Channel, ignoreCase: true), MarkerOf(p.Draft.Text)));
    }

    /// <summary>How many times the network itself holds the post with this marker.</summary>
    public int StoredCount(FaultNetwork network, long marker)
    {
        var tag = ChaosProxy.Marker(marker);
        return network switch
        {
            FaultNetwork.X => X.PostedTexts.Count(t => t.Contains(tag, StringComparison.Ordinal)),
            FaultNetwork.Mastodon => Mastodon.Statuses.Count(s => ((string?)s["content"])?.Contains(tag, StringComparison.Ordinal) == true),
            FaultNetwork.Bluesky => Bluesky.Records.Values.Count(r => ((string?)r["text"])?.Contains(tag, StringComparison.Ordinal) == true),
            FaultNetwork.Facebook => Facebook.PagePosts.Values.Count(p => p.Message?.Contains(tag, StringComparison.Ordinal) == true),
            _ => Telegram.Messages.Count(m => m.Text.Contains(tag, StringComparison.Ordinal)),
        };
    }

    /// <summary>The network's own id of the post with this marker, where the network can be asked (X, Facebook); null when it holds none.</summary>
    public string? StoredId(FaultNetwork network, long marker)
    {
        var tag = ChaosProxy.Marker(marker);
        return network switch
        {
            FaultNetwork.X => X.Posts.FirstOrDefault(p => p.Value.Contains(tag, StringComparison.Ordinal)).Key,
            FaultNetwork.Facebook => Facebook.PagePosts.Values.FirstOrDefault(p => p.Message?.Contains(tag, StringComparison.Ordinal) == true)?.Id,
            _ => throw new ArgumentOutOfRangeException(nameof(network), network, "only X and Facebook are asked"),
        };
    }

    /// <summary>
    /// Runs dispatcher rounds until nothing is left due: inside a round the fake clock moves only while no request
    /// is being answered (so attempt time-outs fire on hangs, back-offs elapse, and a healthy request is never
    /// timed out by the test); between rounds it jumps to the ledger's next wake time. Returns the rounds run.
    /// </summary>
    public async Task<int> RunUntilIdleAsync(int maxRounds = 20_000)
    {
        for (var rounds = 1; rounds <= maxRounds; rounds++)
        {
            var round = Dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None);
            await DriveAsync(round);
            if (await round > 0)
            {
                continue;
            }

            var next = await Queue.GetNextWakeAsync(CancellationToken.None);
            if (next is null)
            {
                return rounds;
            }

            var now = Time.GetUtcNow();
            Time.Advance(next.Value > now ? next.Value - now : Step);
        }

        throw new InvalidOperationException($"The ledger still had due posts after {maxRounds} rounds.");
    }

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        foreach (var proxy in Proxies.Values)
        {
            await proxy.DisposeAsync();
        }

        await X.DisposeAsync();
        await Mastodon.DisposeAsync();
        await Bluesky.DisposeAsync();
        await Telegram.DisposeAsync();
        await Facebook.DisposeAsync();
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private static PostDraft Draft(FaultNetwork network, long marker)
    {
        var text = Text(network, marker);
        return new PostDraft(ChannelName(network), text, text.Length, 280) { Title = "Fault run", Language = "en" };
    }

    private static long MarkerOf(string text)
    {
        var start = text.LastIndexOf("[fr ", StringComparison.Ordinal) + 4;
        return long.Parse(text[start..text.IndexOf(']', start)], CultureInfo.InvariantCulture);
    }

    private async Task DriveAsync(Task round)
    {
        var quietPolls = 0;
        while (!round.IsCompleted)
        {
            // Real I/O (Kestrel, HttpClient, SQLite) runs on other threads: give it a real moment before judging.
            await Task.WhenAny(round, Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System));
            if (round.IsCompleted)
            {
                break;
            }

            // The clock moves only while every request the service has sent and not yet had answered is one a proxy
            // holds open on purpose. Counted at the service's side, a request still queued behind a busy thread pool
            // (a loaded machine) holds the clock too, so no healthy request is ever timed out by the test.
            var hanging = Proxies.Values.Sum(p => p.Hanging.Count);
            quietPolls = openRequests.Count <= hanging && Proxies.Values.All(p => p.Busy == 0) ? quietPolls + 1 : 0;
            if (quietPolls >= 2)
            {
                Time.Advance(Step);
                quietPolls = 0;
            }
        }
    }
}
