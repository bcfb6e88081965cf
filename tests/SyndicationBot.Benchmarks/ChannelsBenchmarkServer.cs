using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Channels.X;
using SyndicationBot.Posts;

namespace SyndicationBot.Benchmarks;

/// <summary>
/// A zero-latency local Kestrel answering X and Mastodon with fixed bodies, and the real channel graph
/// (named clients, resilience pipelines) pointed at it with the proactive rate limits lifted.
/// </summary>
internal sealed class ChannelsBenchmarkServer : IAsyncDisposable
{
    private const string Status = """{"id":"103254962155278888","created_at":"2019-12-05T11:34:47.196Z","url":"http://127.0.0.1/@bot/103254962155278888","content":"<p>x</p>"}""";
    private const string Tweet = """{"data":{"id":"1445880548472328192","text":"Hello world!","edit_history_tweet_ids":["1445880548472328192"]}}""";
    private const string Instance = """{"configuration":{"statuses":{"max_characters":500,"characters_reserved_per_url":23}}}""";

    private WebApplication? app;
    private ServiceProvider? services;

    public IChannel Mastodon { get; private set; } = null!;

    public IChannel X { get; private set; } = null!;

    public static OutgoingPost Post(long id, string channel) =>
        new(id, $"article-{id}:{channel}", 1, new PostDraft(channel, "Benchmark post https://example.com/article", 43, 500) { Language = "en" });

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/api/v1/statuses", () => Results.Text(Status, "application/json"));
        app.MapGet("/api/v2/instance", () => Results.Text(Instance, "application/json"));
        app.MapPost("/2/tweets", () => Results.Text(Tweet, "application/json", statusCode: 201));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Mastodon:Enabled"] = "true",
            ["Channels:Mastodon:BaseUrl"] = address,
            ["Channels:Mastodon:AccessToken"] = "benchmark-token",
            ["Channels:Mastodon:Resilience:PermitsPerWindow"] = "0",
            ["Channels:X:Enabled"] = "true",
            ["Channels:X:BaseUrl"] = address,
            ["Channels:X:ConsumerKey"] = "ck",
            ["Channels:X:ConsumerSecret"] = "cs",
            ["Channels:X:AccessToken"] = "at",
            ["Channels:X:AccessTokenSecret"] = "ats",
            ["Channels:X:Resilience:PermitsPerWindow"] = "0",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddXChannel().AddMastodonChannel().AddChannelResilience();
        services = collection.BuildServiceProvider();
        var channels = services.GetServices<IChannel>().ToDictionary(c => c.Name);
        Mastodon = channels["mastodon"];
        X = channels["x"];
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
