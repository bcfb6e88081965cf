using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using SyndicationBot.Channels;

namespace SyndicationBot.Benchmarks;

/// <summary>
/// Memory over a long run: publishes <see cref="Posts"/> posts once through the Mastodon channel and samples the
/// live heap after a full collection every tenth of the way; the samples and the posts per second go to stdout
/// and to <c>channels-memory.txt</c> in the working directory. Flat means the last sample is close to the first.
/// Run it once, in process: <c>--filter *ChannelsMemoryBenchmarks* --inProcess --strategy Monitoring --launchCount 1
/// --warmupCount 0 --iterationCount 1 --invocationCount 1 --unrollFactor 1</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet ends the server's life in [GlobalCleanup].")]
public class ChannelsMemoryBenchmarks
{
    private readonly ChannelsBenchmarkServer server = new();

    [Params(100_000)]
    public int Posts { get; set; }

    [GlobalSetup]
    public void Setup() => server.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task Mastodon_PublishManyMemoryFlat()
    {
        var sampleEvery = Math.Max(1, Posts / 10);
        List<string> lines = [];
        var stopwatch = Stopwatch.StartNew();
        for (var i = 1; i <= Posts; i++)
        {
            var result = await server.Mastodon.PublishAsync(ChannelsBenchmarkServer.Post(i, "mastodon"), CancellationToken.None);
            if (result is not PublishResult.Published)
            {
                throw new InvalidOperationException($"Post {i} not published: {result}");
            }

            if (i % sampleEvery == 0)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"posts={i} heapBytes={heap} elapsed={stopwatch.Elapsed.TotalSeconds:F1}s postsPerSecond={i / stopwatch.Elapsed.TotalSeconds:F0}"));
            }
        }

        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        await File.WriteAllLinesAsync("channels-memory.txt", lines);
    }
}
