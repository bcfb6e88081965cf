using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Http;
using SyndicationBot.Ingestion;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;

namespace SyndicationBot.IntegrationTests.Hosting.Http;

/// <summary>
/// The real service (the host graph of <c>run</c>) in a temp folder, time on a FakeTimeProvider, its HTTP surface on a
/// free loopback port, and an HttpClient pointed at it.
/// </summary>
internal sealed class RunningService : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder;

    private RunningService(IHost host, FakeTimeProvider time, Uri address, TempFolder folder)
    {
        Host = host;
        Time = time;
        Client = new HttpClient { BaseAddress = address };
        _folder = folder;
    }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public TempFolder Folder => _folder;

    public IPostQueue Queue => Host.Services.GetRequiredService<IPostQueue>();

    /// <summary>Builds the service; <paramref name="seed"/> runs on its ledger before it starts (no dispatcher yet).</summary>
    public static async Task<RunningService> StartAsync(string? adminToken = null, Func<IPostQueue, Task>? seed = null)
    {
        var time = new FakeTimeProvider(Start);
        var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Http:Enabled"] = "true",
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Http:AdminToken"] = adminToken,
            ["Channels:Outbox:Enabled"] = "true",
            ["Channels:Outbox:Path"] = "data/outbox.jsonl",
            ["Schedule:MinSpacing"] = "00:10:00",
            ["Dispatch:MaxIdle"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var host = TestHost.CreateBuilder(folder, settings, time).Build();
        if (seed is not null)
        {
            var queue = host.Services.GetRequiredService<IPostQueue>();
            await queue.InitializeAsync(CancellationToken.None);
            await seed(queue);
        }

        await host.StartAsync();
        var address = host.Services.GetRequiredService<HttpSurfaceService>().Addresses[0];
        return new RunningService(host, time, address, folder);
    }

    /// <summary>Ingests a page as the seed watcher would and waits (moving fake time) until the outbox has it.</summary>
    public async Task<bool> IngestAndPublishAsync(string title)
    {
        var path = _folder.Combine("page.txt");
        await File.WriteAllTextAsync(path, $"{title}\nThe port of Tangier Med stayed closed on Tuesday as gale-force winds hit the Strait of Gibraltar, the port authority said.\nFerry crossings to Algeciras were suspended, leaving hundreds of lorries waiting at the terminals.\n");
        await Host.Services.GetRequiredService<ArticleIngestor>().IngestFileAsync(path, CancellationToken.None);
        var outbox = _folder.Combine("data", "outbox.jsonl");
        if (!await AdvanceUntilAsync(() => File.Exists(outbox) && File.ReadAllText(outbox).Contains(title, StringComparison.Ordinal)))
        {
            return false;
        }

        // The outbox line is written before the ledger records the outcome: wait for the record (up to 30 s of real
        // time, so that a loaded machine only makes it slower, never red).
        for (var i = 0; i < 3000; i++)
        {
            var posts = await Queue.ListAsync([PostState.Published], 100, newestFirst: true, CancellationToken.None);
            if (posts.Any(p => p.ArticleTitle == title))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    /// <summary>Ingests another page, which waits behind the first for the channel's spacing.</summary>
    public async Task IngestSecondAsync(string title)
    {
        var path = _folder.Combine("second.txt");
        await File.WriteAllTextAsync(path, $"{title}\nThe port authority said the first ferries left Tangier Med on Thursday morning after two days of gale-force winds.\nHundreds of lorries that had waited at the terminals were expected to cross by the evening.\n");
        await Host.Services.GetRequiredService<ArticleIngestor>().IngestFileAsync(path, CancellationToken.None);
    }

    /// <summary>Moves fake time a second at a time, giving the service's threads a moment each step.</summary>
    public async Task<bool> AdvanceUntilAsync(Func<bool> condition, int steps = 40)
    {
        for (var i = 0; i < steps * 10; i++)
        {
            if (condition())
            {
                return true;
            }

            if (i % 10 == 9)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(10);
        }

        return condition();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
