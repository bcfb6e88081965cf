using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;
using SyndicationBot.Ingestion;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// The ledger's storage failing under the service (disk full, locked, I/O errors): an input whose posts could not be
/// written is never remembered as a bad one, so once the storage recovers it is read again and posted once.
/// </summary>
public sealed class LedgerFailureTests : IDisposable
{
    private const int SqliteFull = 13;
    private const int SqliteBusy = 5;
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(SqliteFull)]
    [InlineData(SqliteBusy)]
    public async Task IngestAsync_LedgerWriteFailsTransiently_InputIsNotRememberedAndIsQueuedOnTheNextRead(int errorCode)
    {
        // Arrange
        using var host = BuildHost();
        var real = host.Services.GetRequiredService<IPostQueue>();
        var (queue, _) = FailingQueueProxy.Wrap(real, nameof(IPostQueue.EnqueueAsync), call => call == 1 ? new SqliteException("database or disk is full", errorCode) : null);
        using var ingestor = ActivatorUtilities.CreateInstance<ArticleIngestor>(host.Services, queue);
        var page = Encoding.UTF8.GetBytes(Page(0));

        // Act
        var failure = await Record.ExceptionAsync(() => ingestor.IngestAsync("seeds/page-0.txt", page, [], CancellationToken.None));
        var afterFailure = await real.GetIngestAsync(Fingerprint(page), CancellationToken.None);
        var retried = Assert.Single(await ingestor.IngestAsync("seeds/page-0.txt", page, [], CancellationToken.None));

        // Assert
        Assert.IsType<SqliteException>(failure);
        Assert.Null(afterFailure);
        Assert.Equal(IngestOutcome.Queued, retried.Outcome);
    }

    [Fact]
    public async Task ScanOnceAsync_DiskFullWhilePagesArrive_EveryPageIsPostedOnceAfterSpaceIsFreed()
    {
        // Arrange: the ledger refuses the posts of the 2nd and 4th page written (disk full), then has room again.
        const int Pages = 6;
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        for (var i = 0; i < Pages; i++)
        {
            var path = Path.Combine(seeds, $"page-{i}.txt");
            await File.WriteAllTextAsync(path, Page(i));
            File.SetLastWriteTimeUtc(path, Start.UtcDateTime.AddHours(-1));
        }

        using var host = BuildHost();
        var real = host.Services.GetRequiredService<IPostQueue>();
        var (queue, proxy) = FailingQueueProxy.Wrap(real, nameof(IPostQueue.EnqueueAsync), call => call is 2 or 4 ? new SqliteException("database or disk is full", SqliteFull) : null);
        using var ingestor = ActivatorUtilities.CreateInstance<ArticleIngestor>(host.Services, queue);
        using var scanner = ActivatorUtilities.CreateInstance<SeedFolderService>(host.Services, ingestor);
        var dispatcher = host.Services.GetRequiredService<Dispatcher>();

        // Act: the service's loop, one scan after another (an entry whose ingest failed is logged, left unhandled and
        // looked at again by a later scan; the scan itself goes on with the next entry).
        var handled = 0;
        for (var round = 0; round < 5; round++)
        {
            handled += await scanner.ScanOnceAsync(CancellationToken.None);

            // The loop waits the settle time before looking at a file it could not finish.
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        while (await dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None) > 0)
        {
        }

        // Assert
        Assert.Equal(Pages, handled);
        Assert.Equal(Pages + 2, proxy.Calls);
        var titles = ReadOutbox().Select(line => line.GetProperty("title").GetString()).ToList();
        Assert.Equal(Pages, titles.Count);
        Assert.Equal(Pages, titles.Distinct(StringComparer.Ordinal).Count());
        var posts = await real.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None);
        Assert.All(posts, post => Assert.Equal(PostState.Published, post.State));
    }

    [Fact]
    public async Task ScanOnceAsync_DataDiskReallyFullWhilePagesArrive_EveryPageIsPostedOnceAfterSpaceIsFreed()
    {
        // Arrange: the ledger and the outbox live on a small tmpfs (root only: CI runs as root, as the apt-get
        // installs need), which a filler file then fills to the last byte.
        using var disk = TmpfsMount.TryCreate(_folder.Combine("data"), "4m")
            ?? throw new InvalidOperationException("This test mounts a small tmpfs to fill a disk for real, which needs root; run the suite as root (as .ci/run does).");
        using var host = BuildHost();
        var queue = host.Services.GetRequiredService<IPostQueue>();
        await queue.InitializeAsync(CancellationToken.None);
        using var scanner = host.Services.GetRequiredService<SeedFolderService>();
        var dispatcher = host.Services.GetRequiredService<Dispatcher>();
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        async Task DropAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var path = Path.Combine(seeds, $"page-{i}.txt");
                await File.WriteAllTextAsync(path, Page(i));
                File.SetLastWriteTimeUtc(path, Start.UtcDateTime.AddHours(-1));
            }
        }

        async Task ScanAndDispatchAsync()
        {
            for (var round = 0; round < 3; round++)
            {
                await scanner.ScanOnceAsync(CancellationToken.None);
                _time.Advance(TimeSpan.FromSeconds(2));
            }

            while (await dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None) > 0)
            {
            }
        }

        await DropAsync(0, 3);
        await ScanAndDispatchAsync();
        var filler = Path.Combine(disk.Path, "filler.bin");
        FillDisk(filler);

        // Act: pages arrive while no byte is free; the service scans (and tries to post) as usual; then space is freed.
        await DropAsync(3, 9);
        for (var round = 0; round < 3; round++)
        {
            await scanner.ScanOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        var whileFull = (await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None)).Count;
        File.Delete(filler);
        _time.Advance(TimeSpan.FromMinutes(10));
        await ScanAndDispatchAsync();

        // Assert: nothing could be written while full; afterwards every page is posted once, none remembered as bad.
        Assert.Equal(3, whileFull);
        var titles = ReadOutbox().Select(line => line.GetProperty("title").GetString()).ToList();
        Assert.Equal(9, titles.Count);
        Assert.Equal(9, titles.Distinct(StringComparer.Ordinal).Count());
        var posts = await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None);
        Assert.Equal(9, posts.Count);
        Assert.All(posts, post => Assert.Equal(PostState.Published, post.State));
    }

    // Writes until the file system answers "no space left"; the test then owns every free byte.
    private static void FillDisk(string path)
    {
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full: also fill the last partial chunk byte by byte.
            try
            {
                while (true)
                {
                    stream.Write(chunk.AsSpan(0, 1));
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Fingerprint(byte[] page) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(page));

    // Distinct stories (headline, lead and link differ), so none is taken for another's copy.
    internal static string Page(int i) =>
        $"URL: https://news.example.org/story-{i}\nHome\nWorld\nCouncil number {i} approves the harbour plan for district {i * 7}\n" +
        $"The council of district {i * 7} voted on Tuesday to approve plan {i}, which adds {i + 3} new berths to the old harbour, the mayor said.\n" +
        $"Work on berth {i} is expected to start in the spring and to last {i + 2} years, according to the city's engineers.\n";

    private List<JsonElement> ReadOutbox()
    {
        var path = _folder.Combine("data", "outbox.jsonl");
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement.Clone())]
            : [];
    }

    private IHost BuildHost() =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Schedule:MinSpacing"] = "00:00:00",
        }, _time).Build();
}
