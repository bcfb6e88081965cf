using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using SyndicationBot.Hosting;
using SyndicationBot.IntegrationTests.Support;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hosting;

/// <summary>
/// The whole path in-process: the real host graph (AddSyndicationBot), a temp seeds folder, a temp SQLite file
/// and the outbox channel, with time on a FakeTimeProvider.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ObservableFakeTimeProvider _time = new(Start);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_SeedAndSecondArticle_EachPostedOnceAtItsScheduledTime()
    {
        // Arrange
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        CopyBeforeStart(SeedPath(), Path.Combine(seeds, "000_seed.txt"));
        await WriteBeforeStartAsync(Path.Combine(seeds, "001_port.txt"), SecondArticle);
        using var host = BuildHost();

        // Act
        await host.StartAsync();
        var first = await WaitForOutboxLinesAsync(1);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        var sleepsUntilDue = await _time.WaitForTimerDueAtAsync(Start.AddSeconds(5), TimeSpan.FromSeconds(20));
        var stillOne = ReadOutbox().Count;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var both = await WaitForOutboxLinesAsync(2);
        _time.Advance(TimeSpan.FromMinutes(5));
        await SettleAsync();
        await host.StopAsync();

        // Assert
        Assert.True(first);
        Assert.True(sleepsUntilDue, "the dispatcher sleeps until the next post's due time");
        Assert.True(both);
        Assert.Equal(1, stillOne);
        var lines = ReadOutbox();
        Assert.Equal(2, lines.Count);
        Assert.Equal("Hammouchi et la Chine renforcent le partenariat sécuritaire", lines[0].GetProperty("title").GetString());
        var firstAt = lines[0].GetProperty("publishedAt").GetDateTimeOffset();
        var secondAt = lines[1].GetProperty("publishedAt").GetDateTimeOffset();
        Assert.Equal(Start, firstAt);
        Assert.Equal(Start.AddSeconds(5), secondAt);
        Assert.DoesNotContain("Suivez-nous", lines[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RestartedOnTheSameLedger_PostsNothingAgain()
    {
        // Arrange
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        CopyBeforeStart(SeedPath(), Path.Combine(seeds, "000_seed.txt"));
        using (var first = BuildHost())
        {
            await first.StartAsync();
            Assert.True(await WaitForOutboxLinesAsync(1));
            await first.StopAsync();
        }

        // Act: restart, and drop the same page in again under another name (one more trailing line break, so its
        // bytes differ and the copy must be recognised by its content, not by the hash of its file).
        await WriteBeforeStartAsync(Path.Combine(seeds, "copy-of-seed.txt"), await File.ReadAllTextAsync(SeedPath()) + "\n");
        using var second = BuildHost();
        await second.StartAsync();
        var copySeen = await WaitForIngestOutcomeAsync("copy-of-seed.txt");
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await SettleAsync();
        }

        await second.StopAsync();

        // Assert: the restarted service really read the copy, recognised it, and posted nothing more.
        Assert.Equal("duplicate", copySeen);
        Assert.Single(ReadOutbox());
    }

    [Fact]
    public async Task Run_FileStampedAheadOfTheClock_IsPostedOnceStillForTheSettleTime()
    {
        // Arrange: a page whose modification time is a day ahead of the service's clock (clock skew, a copy
        // from a machine in another zone, or a clock that was reset) is there when the service starts.
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        var path = Path.Combine(seeds, "from-the-future.txt");
        await File.WriteAllTextAsync(path, SecondArticle);
        File.SetLastWriteTimeUtc(path, Start.AddDays(1).UtcDateTime);
        using var host = BuildHost();

        // Act
        await host.StartAsync();
        var posted = await WaitForOutboxLinesAsync(1, advanceStep: TimeSpan.FromMilliseconds(500));
        await host.StopAsync();

        // Assert
        Assert.True(posted, "a file stamped in the future is read once it has been still for the settle time");
        Assert.Equal("Storm closes the port of Tangier for a second day", Assert.Single(ReadOutbox()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Run_FileDroppedWhileRunning_IsPosted()
    {
        // Arrange
        Directory.CreateDirectory(_folder.Combine("seeds"));
        using var host = BuildHost();
        await host.StartAsync();
        await SettleAsync();

        // Act
        await File.WriteAllTextAsync(_folder.Combine("seeds", "late.txt"), SecondArticle);
        var posted = await WaitForOutboxLinesAsync(1, advanceStep: TimeSpan.FromMilliseconds(500));
        await host.StopAsync();

        // Assert
        Assert.True(posted);
        Assert.Equal("Storm closes the port of Tangier for a second day", ReadOutbox()[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Run_FileStillBeingWritten_IsReadOnlyOnceComplete()
    {
        // Arrange
        Directory.CreateDirectory(_folder.Combine("seeds"));
        using var host = BuildHost();
        await host.StartAsync();
        await SettleAsync();
        var path = _folder.Combine("seeds", "slow-copy.txt");
        var lines = SecondArticle.Split('\n');

        // Act: the file grows a line at a time, each within the settle time, while the watcher and rescans look at it.
        for (var i = 0; i < lines.Length; i++)
        {
            await File.AppendAllTextAsync(path, lines[i] + "\n");
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc));
            _time.Advance(TimeSpan.FromMilliseconds(600));
            await SettleAsync();
        }

        var earlyCount = ReadOutbox().Count;
        var posted = await WaitForOutboxLinesAsync(1, advanceStep: TimeSpan.FromMilliseconds(500));
        await host.StopAsync();

        // Assert
        Assert.Equal(0, earlyCount);
        Assert.True(posted);
        var text = Assert.Single(ReadOutbox()).GetProperty("text").GetString();
        Assert.Contains("Ferry crossings", text, StringComparison.Ordinal);
    }

    private const string SecondArticle =
        """
        Home
        World
        Storm closes the port of Tangier for a second day
        The port of Tangier Med stayed closed on Tuesday as gale-force winds and waves of up to seven metres hit the Strait of Gibraltar, the port authority said.
        Ferry crossings to Algeciras and Tarifa were suspended, leaving hundreds of lorries waiting at the terminals, and the authority said it would review the forecast on Wednesday morning.
        """;

    // Files that were in the folder before the service started carry a time stamp before the fake clock's start,
    // whatever today's date is, so the start-up scan may take them at once.
    private static void CopyBeforeStart(string source, string destination)
    {
        File.Copy(source, destination);
        File.SetLastWriteTimeUtc(destination, Start.AddHours(-1).UtcDateTime);
    }

    private static async Task WriteBeforeStartAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
        File.SetLastWriteTimeUtc(path, Start.AddHours(-1).UtcDateTime);
    }

    private static string SeedPath() => Path.Combine(AppContext.BaseDirectory, "TestData", "Hosting", "seed.txt");

    private IHost BuildHost() =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Sources:SeedsPath"] = "seeds",
            ["Sources:Watch:SettleTime"] = "00:00:01",
            ["Sources:Watch:RescanInterval"] = "00:00:02",
            ["Channels:Outbox:Enabled"] = "true",
            ["Channels:Outbox:Path"] = "data/outbox.jsonl",
            ["Schedule:MinSpacing"] = "00:00:05",
            ["Dispatch:MaxIdle"] = "00:00:01",
        }, _time).Build();

    private List<JsonElement> ReadOutbox()
    {
        var path = _folder.Combine("data", "outbox.jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    // Background services run on real threads: give them real moments to react to each fake-time step.
    private async Task<bool> WaitForOutboxLinesAsync(int count, TimeSpan? advanceStep = null)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (ReadOutbox().Count >= count)
            {
                return true;
            }

            if (advanceStep is { } step && i % 20 == 19)
            {
                _time.Advance(step);
            }

            await Task.Delay(10);
        }

        return false;
    }

    // The ledger's record of an input (queued, duplicate, rejected…), looked up by the file's name.
    private async Task<string?> WaitForIngestOutcomeAsync(string fileName)
    {
        var ledger = _folder.Combine("data", "syndication.db");
        for (var i = 0; i < 1000; i++)
        {
            if (File.Exists(ledger))
            {
                await using var connection = new SqliteConnection($"Data Source={ledger};Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT outcome FROM ingested WHERE source LIKE $name ORDER BY at DESC LIMIT 1";
                command.Parameters.AddWithValue("$name", "%" + fileName);
                if (await command.ExecuteScalarAsync() is string outcome)
                {
                    return outcome;
                }
            }

            await Task.Delay(10);
        }

        return null;
    }

    private static Task SettleAsync() => Task.Delay(200);
}
