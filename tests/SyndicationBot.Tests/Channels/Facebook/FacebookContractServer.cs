using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyndicationBot.Tests.Channels.Facebook;

/// <summary>
/// A local Graph API that enforces what graph.facebook.com enforces on <c>POST /{version}/{page-id}/feed</c>:
/// the Page token, an <c>appsecret_proof</c> recomputed from the app secret (the server's own HMAC, not the
/// channel's), consecutive-duplicate refusal (506), throttling codes with <c>X-Business-Use-Case-Usage</c>,
/// and injected faults.
/// </summary>
internal sealed partial class FacebookContractServer : IAsyncDisposable
{
    public const string PageId = "1647395831";

    private readonly WebApplication app;
    private readonly string appSecret;
    private string? lastMessage;
    private int postCounter;

    private FacebookContractServer(WebApplication app, string pageToken, string appSecret)
    {
        this.app = app;
        PageToken = pageToken;
        this.appSecret = appSecret;
    }

    /// <summary>The one Page token the server accepts; change it to revoke the old one.</summary>
    public string PageToken { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>When set, the feed answers this throttling code with <see cref="RegainAccessMinutes"/> in the BUC header.</summary>
    public int? ThrottleCode { get; set; }

    public int RegainAccessMinutes { get; set; }

    /// <summary>Faults answered before normal behaviour, one per call: 500 (Graph code 2), 503 (HTML page), or 0 to store the post and drop the connection.</summary>
    public ConcurrentQueue<int> Faults { get; } = new();

    public ConcurrentQueue<(string? Message, string? Link)> Posts { get; } = new();

    /// <summary>Every request line as received (path and query), for checks on what a URL may carry.</summary>
    public ConcurrentQueue<string> RequestTargets { get; } = new();

    public static async Task<FacebookContractServer> StartAsync(string pageToken, string appSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FacebookContractServer(app, pageToken, appSecret);
        app.MapPost("/{version}/{pageId}/feed", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IResult GraphError(int code, string type, string message, int? subcode = null, bool? transient = null, int status = 400)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["fbtrace_id"] = "AbCdEfGhIjK" };
        if (subcode is { } s)
        {
            error["error_subcode"] = s;
        }

        if (transient is { } t)
        {
            error["is_transient"] = t;
        }

        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    private async Task<IResult> HandleAsync(string version, string pageId, HttpContext context)
    {
        var request = context.Request;
        RequestTargets.Enqueue($"{request.Path}{request.QueryString}");
        if (!VersionShape().IsMatch(version))
        {
            return GraphError(2500, "OAuthException", "Unknown path components: /" + version);
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var token = form?["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return GraphError(104, "OAuthException", "An access token is required to request this resource.");
        }

        if (token != PageToken)
        {
            return GraphError(190, "OAuthException", "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", 460);
        }

        var proof = request.Query["appsecret_proof"].ToString();
        if (proof.Length == 0)
        {
            return GraphError(100, "GraphMethodException", "appsecret_proof argument must be passed as a parameter");
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(token)));
        if (proof != expected)
        {
            return GraphError(100, "GraphMethodException", "Invalid appsecret_proof provided in the API argument");
        }

        if (pageId != PageId)
        {
            return GraphError(100, "GraphMethodException", $"Unsupported post request. Object with ID '{pageId}' does not exist", 33);
        }

        context.Response.Headers["X-Business-Use-Case-Usage"] = Usage(ThrottleCode is null ? 0 : RegainAccessMinutes);
        if (ThrottleCode is { } throttle)
        {
            return GraphError(throttle, "OAuthException", throttle == 32 ? "Page request limit reached" : "Application request limit reached", transient: true);
        }

        var fault = Faults.TryDequeue(out var f) ? f : (int?)null;
        if (fault == 500)
        {
            return GraphError(2, "OAuthException", "An unexpected error has occurred. Please retry your request later.", transient: true, status: 500);
        }

        if (fault == 503)
        {
            return Results.Content("<html><body>Service Unavailable</body></html>", "text/html", statusCode: 503);
        }

        var message = form?["message"].ToString();
        var link = form?["link"].ToString();
        if (string.IsNullOrEmpty(message) && string.IsNullOrEmpty(link))
        {
            return GraphError(100, "OAuthException", "(#100) Missing message or attachment");
        }

        if (message == lastMessage)
        {
            return GraphError(506, "OAuthException", "Duplicate status message", 1455006);
        }

        lastMessage = message;
        Posts.Enqueue((message, string.IsNullOrEmpty(link) ? null : link));
        var id = $"{PageId}_{Interlocked.Increment(ref postCounter)}";
        if (fault == 0)
        {
            context.Abort();
            return Results.Empty;
        }

        return Results.Json(new JsonObject { ["id"] = id });
    }

    private static string Usage(int regainMinutes) =>
        new JsonObject
        {
            [PageId] = new JsonArray(new JsonObject
            {
                ["type"] = "pages",
                ["call_count"] = regainMinutes > 0 ? 100 : 4,
                ["total_cputime"] = 2,
                ["total_time"] = 3,
                ["estimated_time_to_regain_access"] = regainMinutes,
            }),
        }.ToJsonString();

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex VersionShape();
}
