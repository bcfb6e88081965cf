using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Articles;
using SyndicationBot.Channels;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;

namespace SyndicationBot.Benchmarks;

// Where PostsBenchmarks' time goes: one composer at a time.
[MemoryDiagnoser]
public class PostsStageBenchmarks
{
    private Dictionary<string, IPostComposer> composers = null!;
    private Article article = null!;
    private Summary summary = null!;

    [Params("x", "mastodon", "bluesky", "telegram", "facebook", "webhook", "outbox")]
    public string Channel { get; set; } = "x";

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSummaries();
        services.AddPosts().AddNetworkPostFormats();
        var provider = services.BuildServiceProvider();
        composers = provider.GetServices<IPostComposer>().ToDictionary(c => c.Channel);
        var reference = new PostsBenchmarks();
        reference.Setup();
        article = reference.SeedArticle;
        summary = provider.GetRequiredService<ISummarizer>().Summarize(article);
    }

    [Benchmark]
    public int Compose() => composers[Channel].Compose(article, summary).Length;
}
