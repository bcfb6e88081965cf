using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Impl;
using SyndicationBot.Articles;
using SyndicationBot.Channels;
using SyndicationBot.Hosting;
using SyndicationBot.Posts;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/SyndicationBot.Benchmarks -- dispatch [posts]</c>: lateness from a post's
/// due time to the moment its request reaches a local zero-latency channel, for 1,000 posts due at 100/s and at
/// 1,000/s. The service runs as in production (the host from <c>AddSyndicationBot()</c>, the SQLite ledger on a file,
/// the system clock); Quartz.NET fires the same due times in the same run for comparison.
/// </summary>
internal static class DispatchLatency
{
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        // One short unmeasured run of each first: the figures are for a service that has been running, not for the JIT.
        await RunDispatcherAsync(200, 1_000);
        await RunQuartzAsync(200, 1_000);
        Console.WriteLine("rate      scheduler                        p50 ms   p99 ms   max ms  first-10% p99  last-10% p99  sent");
        foreach (var rate in new[] { 100, 1_000 })
        {
            Report(rate, "SyndicationBot (SQLite ledger)", await RunDispatcherAsync(count, rate));
            Report(rate, "Quartz.NET 3.22 (RAMJobStore)", await RunQuartzAsync(count, rate));
        }

        return 0;
    }

    private static IReadOnlyList<DateTimeOffset> DueTimes(int count, int rate)
    {
        var first = TimeProvider.System.GetUtcNow() + Lead;

        // The ledger keeps milliseconds; so do the due times here, so both schedulers see the very same instants.
        first = DateTimeOffset.FromUnixTimeMilliseconds(first.ToUnixTimeMilliseconds());
        return [.. Enumerable.Range(0, count).Select(i => first.AddTicks(TimeSpan.TicksPerSecond * i / rate))];
    }

    private static async Task<double[]> RunDispatcherAsync(int count, int rate)
    {
        var folder = Path.Combine(Path.GetTempPath(), "syndicationbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "seeds"));
        try
        {
            var channel = new DispatchBenchChannel(count);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sources:SeedsPath"] = "seeds",
                ["Storage:ConnectionString"] = "Data Source=ledger.db",
                ["Channels:Outbox:Enabled"] = "false",
                ["Schedule:MinSpacing"] = "00:00:00",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IChannel>(channel);
            builder.AddSyndicationBot();
            using var host = builder.Build();
            var queue = (SqlitePostQueue)host.Services.GetRequiredService<IPostQueue>();
            await queue.InitializeAsync(CancellationToken.None);
            var due = DueTimes(count, rate);
            var now = TimeProvider.System.GetUtcNow();
            await queue.EnqueueManyAsync([.. due.Select((time, i) => (CreateArticle(i), (IReadOnlyList<NewPost>)[new NewPost(Draft(i), time)]))], now, CancellationToken.None);
            foreach (var post in await queue.ListAsync([PostState.Queued], count, newestFirst: false, CancellationToken.None))
            {
                channel.Expect(post.Id, int.Parse(post.Draft.Title, CultureInfo.InvariantCulture), post.DueAt);
            }

            await host.StartAsync();
            await channel.WaitAsync(due[^1] - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30));
            await host.StopAsync();
            return channel.Lateness;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double[]> RunQuartzAsync(int count, int rate)
    {
        var factory = new StdSchedulerFactory(new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "bench-" + rate.ToString(CultureInfo.InvariantCulture),
            ["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz",
            ["quartz.threadPool.maxConcurrency"] = "10",
        });
        var scheduler = await factory.GetScheduler();
        var recorder = new DispatchBenchChannel(count);
        DispatchQuartzJob.Recorder = recorder;
        var due = DueTimes(count, rate);
        for (var i = 0; i < count; i++)
        {
            recorder.Expect(i, i, due[i]);
            var job = JobBuilder.Create<DispatchQuartzJob>().WithIdentity("post-" + i.ToString(CultureInfo.InvariantCulture)).UsingJobData("id", (long)i).Build();
            var trigger = TriggerBuilder.Create().StartAt(due[i]).WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow()).Build();
            await scheduler.ScheduleJob(job, trigger);
        }

        await scheduler.Start();
        await recorder.WaitAsync(due[^1] - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30));
        await scheduler.Shutdown(waitForJobsToComplete: true);
        return recorder.Lateness;
    }

    private static void Report(int rate, string name, double[] lateness)
    {
        var sent = lateness.Count(l => !double.IsNaN(l));
        var sorted = lateness.Where(l => !double.IsNaN(l)).Order().ToArray();
        var tenth = Math.Max(1, lateness.Length / 10);
        var head = lateness.Take(tenth).Where(l => !double.IsNaN(l)).Order().ToArray();
        var tail = lateness.TakeLast(tenth).Where(l => !double.IsNaN(l)).Order().ToArray();
        Console.WriteLine(LedgerLoad.Invariant(
            $"{rate,5}/s  {name,-31} {P(sorted, 0.50),7:F2}  {P(sorted, 0.99),7:F2}  {P(sorted, 1.0),7:F2}  {P(head, 0.99),13:F2}  {P(tail, 0.99),12:F2}  {sent}/{lateness.Length}"));
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : LedgerLoad.Percentile(sorted, p);

    private static Article CreateArticle(int i) => new(
        Source: "bench/" + i.ToString(CultureInfo.InvariantCulture),
        Title: "Bench story " + i.ToString(CultureInfo.InvariantCulture),
        Paragraphs: ["Bench paragraph " + i.ToString(CultureInfo.InvariantCulture)],
        Language: "en",
        Url: new Uri("https://news.example/bench/" + i.ToString(CultureInfo.InvariantCulture)),
        PublishedAt: null,
        Author: null,
        ImageUrl: null,
        Tags: [],
        ContentHash: i.ToString("x64", CultureInfo.InvariantCulture));

    // The draft's title carries the index, so the channel can match a post to its due time without the ledger.
    private static PostDraft Draft(int i) =>
        new(DispatchBenchChannel.ChannelName, "Bench post " + i.ToString(CultureInfo.InvariantCulture), 12, 500) { Title = i.ToString(CultureInfo.InvariantCulture), Language = "en" };

    /// <summary>The Quartz side: the job body records the lateness exactly as the bench channel does.</summary>
    [DisallowConcurrentExecution]
    private sealed class DispatchQuartzJob : IJob
    {
        public static DispatchBenchChannel? Recorder { get; set; }

        public Task Execute(IJobExecutionContext context)
        {
            Recorder?.Record(context.MergedJobDataMap.GetLong("id"));
            return Task.CompletedTask;
        }
    }
}
