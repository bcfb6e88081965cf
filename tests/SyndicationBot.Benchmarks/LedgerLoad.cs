using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Articles;
using SyndicationBot.Posts;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/SyndicationBot.Benchmarks -- ledger [posts]</c>: fills a SQLite ledger
/// with a million queued posts (4 channels per article, realistic text and payload) in batched transactions, then
/// times the dispatcher's next-due lookup and reports the file size. A load harness rather than BenchmarkDotNet:
/// the figures wanted are throughput and tail latency over one large data set, which BenchmarkDotNet's repeated
/// invocations would rebuild or skew.
/// </summary>
internal static class LedgerLoad
{
    private const int ArticlesPerBatch = 2_500;
    private const int Lookups = 20_000;
    private static readonly string[] Channels = ["x", "mastodon", "bluesky", "telegram"];

    public static async Task<int> RunAsync(string[] args)
    {
        var total = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var folder = Path.Combine(Path.GetTempPath(), "syndicationbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "ledger.db");
        try
        {
            using var queue = new SqlitePostQueue($"Data Source={path}", NullLogger<SqlitePostQueue>.Instance);
            await queue.InitializeAsync(CancellationToken.None);
            var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
            var articles = total / Channels.Length;
            var inserting = TimeSpan.Zero;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var overall = Stopwatch.StartNew();
            for (var first = 0; first < articles; first += ArticlesPerBatch)
            {
                var items = new List<(Article Article, IReadOnlyList<NewPost> Posts)>(ArticlesPerBatch);
                for (var i = first; i < Math.Min(first + ArticlesPerBatch, articles); i++)
                {
                    var article = CreateArticle(i);

                    // A post every second per channel: a year and more of queue ahead of the dispatcher.
                    items.Add((article, [.. Channels.Select((channel, k) => new NewPost(Draft(channel, article, i), start.AddSeconds(i).AddMilliseconds(k)))]));
                }

                var batch = Stopwatch.StartNew();
                await queue.EnqueueManyAsync(items, start, CancellationToken.None);
                inserting += batch.Elapsed;
            }

            var posts = articles * Channels.Length;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine(Invariant($"enqueue: {posts:N0} posts in {inserting.TotalSeconds:F1} s of transactions ({posts / inserting.TotalSeconds:N0} posts/s; {posts / overall.Elapsed.TotalSeconds:N0} posts/s including building the articles and drafts; {cpu.TotalSeconds:F1} s of CPU in all, {posts / cpu.TotalSeconds:N0} posts per CPU-second)"));

            var timings = new double[Lookups];
            for (var i = 0; i < 200; i++)
            {
                await queue.GetNextWakeAsync(CancellationToken.None);
            }

            for (var i = 0; i < Lookups; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await queue.GetNextWakeAsync(CancellationToken.None);
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(timings);
            Console.WriteLine(Invariant($"next-due lookup (GetNextWakeAsync) over {posts:N0} queued posts, {Lookups:N0} calls: p50 {Percentile(timings, 0.50):F3} ms, p99 {Percentile(timings, 0.99):F3} ms, max {timings[^1]:F3} ms"));

            var claims = new double[1_000];
            var now = start.AddMinutes(1);
            for (var i = 0; i < claims.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var claimed = await queue.ClaimDueAsync(now, "bench", TimeSpan.FromMinutes(2), 1, CancellationToken.None);
                foreach (var post in claimed)
                {
                    await queue.RecordAsync(post.Lease!, new PostOutcome.Published(post.Id.ToString(CultureInfo.InvariantCulture), null), now, CancellationToken.None);
                }

                claims[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                now = now.AddMilliseconds(250);
            }

            Array.Sort(claims);
            Console.WriteLine(Invariant($"claim + record one due post, {claims.Length:N0} times: p50 {Percentile(claims, 0.50):F3} ms, p99 {Percentile(claims, 0.99):F3} ms"));

            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }

            SqliteConnection.ClearAllPools();
            var bytes = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
            Console.WriteLine(Invariant($"database size: {bytes / 1024.0 / 1024.0:F0} MiB ({bytes / (double)posts:F0} bytes per post, articles and indexes included)"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Article CreateArticle(int i)
    {
        var title = Invariant($"Storm closes the port of Tangier for day {i} as ferries stay in harbour");
        string[] paragraphs =
        [
            Invariant($"The port of Tangier Med stayed closed on day {i} as gale-force winds and high waves hit the Strait of Gibraltar, the port authority said."),
            "Ferry crossings to Algeciras and Tarifa were suspended, leaving hundreds of lorries waiting at the terminals.",
        ];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + string.Join("\n", paragraphs))));
        return new Article(
            Source: Invariant($"feed:https://news.example/rss#{i}"),
            Title: title,
            Paragraphs: paragraphs,
            Language: "en",
            Url: new Uri(Invariant($"https://news.example/2026/12/{i}/storm-closes-port")),
            PublishedAt: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i),
            Author: null,
            ImageUrl: null,
            Tags: [],
            ContentHash: hash);
    }

    private static PostDraft Draft(string channel, Article article, int i)
    {
        var text = Invariant($"{article.Title}. {article.Paragraphs[0]} {article.Url}");
        return new PostDraft(channel, text, text.Length, 500) { Title = article.Title, Language = "en", Link = article.Url };
    }
}
