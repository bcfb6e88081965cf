using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SyndicationBot.Tests.Articles.Feeds;

/// <summary>A real Kestrel server on 127.0.0.1 that records every request it receives.</summary>
internal sealed class LocalFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalFeedServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LocalFeedServer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalFeedServer? server = null;
        app.Use(async (context, next) =>
        {
            server?.Requests.Enqueue(new RecordedRequest(
                context.Request.Path,
                context.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } etag ? etag : null,
                context.Request.Headers.IfModifiedSince.ToString() is { Length: > 0 } since ? since : null));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LocalFeedServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    public Uri Url(string path) => new(BaseUri, path);

    public int CountRequests(string path) => Requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal sealed record RecordedRequest(string Path, string? IfNoneMatch, string? IfModifiedSince);
}
