using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SyndicationBot.IntegrationTests.Crash;

/// <summary>
/// Runs the real service (the built SyndicationBot.dll) as a child process on a real SQLite file and kills it with
/// SIGKILL at random moments while 500 posts are due: 250 on the outbox (dedupes by idempotency key) and 250 on
/// Telegram (cannot dedupe) served by a local recording server. This is wall-clock by nature: the child runs on
/// the system clock, so the test waits on real time too.
/// </summary>
public sealed class ServiceCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Articles = 250;
    private const int Kills = 50;
    private const string BotToken = "123456:crash-test-token";

    private readonly TempFolder _folder = new();
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        // A failed assertion must not leave a service running.
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    [Trait("Category", "Crash")]
    public async Task Run_KilledFiftyTimesWhilePublishing_NoPostLostAndNoneSilentlyDoubled()
    {
        // Arrange
        await using var telegram = await RecordingTelegramServer.StartAsync();
        var database = _folder.Combine("data", "syndication.db");
        var outbox = _folder.Combine("data", "outbox.jsonl");
        Directory.CreateDirectory(_folder.Combine("seeds"));
        var texts = await EnqueuePostsAsync(database);
        var random = new Random(20261129);
        var stopwatch = Stopwatch.StartNew();

        // Act
        for (var kill = 0; kill < Kills; kill++)
        {
            var service = StartService(database, outbox, telegram.BaseAddress);

            // Half the kills land anywhere from start-up on (migration, recovery, the first claim); the other half
            // once the service is publishing, so some fall between a request and the ledger update.
            var progressBefore = Progress(telegram, outbox);
            if (kill % 2 == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1500)));
            }
            else
            {
                await WaitForAsync(() => service.HasExited || Progress(telegram, outbox) > progressBefore || CountLive(database) == 0, TimeSpan.FromSeconds(20));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 500)));
            }

            Assert.False(service.HasExited, $"the service exited on its own with code {(service.HasExited ? service.ExitCode : 0)} before kill {kill + 1}");
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        var killedAt = stopwatch.Elapsed;
        var last = StartService(database, outbox, telegram.BaseAddress);
        {
            var settled = await WaitForAsync(() => last.HasExited || CountLive(database) == 0, TimeSpan.FromSeconds(180));
            Assert.False(last.HasExited, "the last run exited on its own");
            last.Kill(entireProcessTree: true);
            await last.WaitForExitAsync();
            Assert.True(settled, $"the last run left {CountLive(database)} posts unsettled after 180 s");
        }

        // Assert
        var posts = await ReadLedgerAsync(database);
        var written = ReadOutboxKeys(outbox);
        var outboxPosts = posts.Where(p => p.Channel == "outbox").ToList();
        var telegramPosts = posts.Where(p => p.Channel == "telegram").ToList();
        var inDoubt = telegramPosts.Count(p => p.State == PostState.InDoubt);
        output.WriteLine($"{Kills} kills in {killedAt.TotalSeconds:F1} s, settled at {stopwatch.Elapsed.TotalSeconds:F1} s; " +
                         $"telegram: {telegram.Total} requests, {telegramPosts.Count(p => p.State == PostState.Published)} published, {inDoubt} in doubt");

        Assert.Equal(Articles, outboxPosts.Count);
        Assert.Equal(Articles, telegramPosts.Count);
        Assert.All(outboxPosts, post =>
        {
            Assert.Equal(PostState.Published, post.State);
            Assert.Equal(1, written.GetValueOrDefault(post.IdempotencyKey));
        });
        Assert.Equal(Articles, written.Count);
        Assert.All(telegramPosts, post =>
        {
            var received = telegram.Received.GetValueOrDefault(texts[post.Id]);
            Assert.InRange(received, 0, 1);
            Assert.True(
                (post.State == PostState.Published && received == 1) || post.State == PostState.InDoubt,
                $"post {post.Id} on telegram is {post.State} after {received} request(s)");
        });
        Assert.Equal(telegram.Received.Count, telegram.Total);
        Assert.True(inDoubt < Articles / 2, $"{inDoubt} of {Articles} telegram posts in doubt: recovery is marking far more than the posts in flight at a kill");
    }

    private static async Task<Dictionary<long, string>> EnqueuePostsAsync(string database)
    {
        using var queue = new SqlitePostQueue($"Data Source={database}", NullLogger<SqlitePostQueue>.Instance);
        await queue.InitializeAsync(CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < Articles; i++)
        {
            var title = $"Crash story {i:D3}: the harbour of town {i} reopens";
            var article = TestArticles.Create(title, $"https://news.example/{i}", $"Lead {i}: boats from town {i} sailed again on day {i % 7}.");

            // All due at once; Schedule:MinSpacing paces them, so posts stay due through all the kills.
            var due = now;
            await queue.EnqueueAsync(
                article,
                [new(TestArticles.Draft("outbox", $"Outbox post {i}: {title}"), due), new(TestArticles.Draft("telegram", $"Telegram post {i}: {title}"), due)],
                now,
                CancellationToken.None);
        }

        var posts = await queue.ListAsync(Enum.GetValues<PostState>(), 10_000, newestFirst: false, CancellationToken.None);
        return posts.ToDictionary(p => p.Id, p => p.Draft.Text);
    }

    private Process StartService(string database, string outbox, Uri telegram)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // No appsettings.json here, so the service reads the one next to its dll; every path below is absolute.
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServiceDll());
        foreach (var setting in new[]
        {
            "--Storage:ConnectionString=Data Source=" + database,
            "--Storage:LeaseDuration=00:00:05",
            "--Sources:SeedsPath=" + _folder.Combine("seeds"),
            "--Schedule:MinSpacing=00:00:00.100",
            "--Dispatch:BatchSize=4",
            "--Dispatch:MaxIdle=00:00:00.500",
            "--Http:Enabled=false",
            "--Channels:Outbox:Enabled=true",
            "--Channels:Outbox:Path=" + outbox,
            "--Channels:Telegram:Enabled=true",
            "--Channels:Telegram:BaseUrl=" + telegram.AbsoluteUri,
            "--Channels:Telegram:ChatId=@crashtest",

            // Telegram's proactive 20 posts/min window would stretch 250 posts over 12 minutes; this test is about crashes, not pacing.
            "--Channels:Telegram:Resilience:PermitsPerWindow=0",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["Channels__Telegram__BotToken"] = BotToken;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _started.Add(process);

        // Drained so a chatty child never blocks on a full pipe; kept out of the test output unless it matters.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                output.WriteLine("service: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The service's own build output (bin/<configuration>/<framework> of src/SyndicationBot, built with this project):
    // the copy next to the tests lacks the hosting assemblies the test project takes from the ASP.NET framework.
    private static string ServiceDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "src", "SyndicationBot", "bin", configuration, framework, "SyndicationBot.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/SyndicationBot ({configuration}) first; expected {dll}.", dll);
    }

    private static int Progress(RecordingTelegramServer telegram, string outbox) =>
        telegram.Total + (File.Exists(outbox) ? (int)new FileInfo(outbox).Length : 0);

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        return condition();
    }

    private static int CountLive(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False;Default Timeout=5");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM posts WHERE state IN (0, 1, 3);";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<QueuedPost>> ReadLedgerAsync(string database)
    {
        using var queue = new SqlitePostQueue($"Data Source={database}", NullLogger<SqlitePostQueue>.Instance);
        return await queue.ListAsync(Enum.GetValues<PostState>(), 10_000, newestFirst: false, CancellationToken.None);
    }

    // Counts complete lines per idempotency key; a line torn by a kill mid-append was never acknowledged.
    private static Dictionary<string, int> ReadOutboxKeys(string outbox)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(outbox))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string? key;
            try
            {
                key = JsonDocument.Parse(line).RootElement.GetProperty("idempotencyKey").GetString();
            }
            catch (JsonException)
            {
                continue;
            }

            if (key is not null)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }
}
