using BenchmarkDotNet.Attributes;
using SyndicationBot.Channels;

namespace SyndicationBot.Benchmarks;

/// <summary>
/// Throughput of one channel client (serialisation, signing, HTTP, classification, resilience pipeline) against a
/// zero-latency local server with rate limits lifted; each invocation publishes <see cref="Posts"/> posts one after
/// another, so Mean is the time per post and 1 s / Mean the posts per second.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet ends the server's life in [GlobalCleanup].")]
public class ChannelsBenchmarks
{
    private const int Posts = 1_000;
    private readonly ChannelsBenchmarkServer server = new();
    private long nextId;

    [GlobalSetup]
    public void Setup() => server.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Posts)]
    public Task Mastodon_PublishSequential() => PublishAsync(server.Mastodon);

    [Benchmark(OperationsPerInvoke = Posts)]
    public Task X_PublishSequentialOAuth1() => PublishAsync(server.X);

    private async Task PublishAsync(IChannel channel)
    {
        for (var i = 0; i < Posts; i++)
        {
            var result = await channel.PublishAsync(ChannelsBenchmarkServer.Post(Interlocked.Increment(ref nextId), channel.Name), CancellationToken.None);
            if (result is not PublishResult.Published)
            {
                throw new InvalidOperationException($"Benchmark post not published: {result}");
            }
        }
    }
}
